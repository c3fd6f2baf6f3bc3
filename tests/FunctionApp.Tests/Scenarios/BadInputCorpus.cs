using System.Text;
using System.Text.Json.Nodes;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>Which hosts a bad input is sent to, and who answers it there.</summary>
internal enum CorpusHosts
{
    /// <summary>Both hosts, answered by the shared code (Http) or the participants: the same 4xx problem on both.</summary>
    Both,

    /// <summary>
    /// Both hosts, but in FunctionApp the request matches no function, so the Functions host answers it (404 with an empty
    /// body, which <see cref="DurableEngine"/> reproduces); Standalone answers problem details. CI cannot run the host.
    /// </summary>
    HostRoutedInFunctionApp,

    /// <summary>Routes only Standalone serves (Durable's webhooks, which FunctionApp gets from the extension).</summary>
    StandaloneOnly,

    /// <summary>
    /// A path the web server itself refuses before any route runs (an encoded NUL): Kestrel answers 400 with an empty
    /// body. Sent to Standalone only; FunctionApp's host server does the same before a function could run.
    /// </summary>
    ServerRejected,
}

/// <summary>
/// One bad request: what is sent, the 4xx statuses it may get, and the field its problem details must name
/// (<c>errors</c> key; null for problems that are not about a field: 404, 405, 410, 413).
/// </summary>
internal sealed record BadInput(string Name, string Method, string Path, byte[]? Body, string? ContentType, int[] Statuses, string? Field, CorpusHosts Hosts = CorpusHosts.Both)
{
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public override string ToString() => Name;
}

/// <summary>
/// The bad-input corpus (issue 16, item 3): every route of both hosts × malformed JSON, wrong types, missing and extra
/// fields, numbers out of range or in strings, huge and deeply nested bodies, unicode and control characters, ids with
/// path characters, wrong content types and wrong methods. The saga-start cases are generated from one valid body per
/// saga by walking its fields, so a new field gets its cases without anyone writing them.
/// </summary>
internal static class BadInputCorpus
{
    /// <summary>Instances that exist while the corpus runs (see <c>BadInputCorpusTests</c>): one waiting per event.</summary>
    public const string WaitingTicket = "corpus-ticket";

    public const string WaitingClaim = "corpus-claim";

    private const string Json = "application/json";

    /// <summary>A body over the 64 KB limit.</summary>
    private const int HugeChars = 70 * 1024;

    /// <summary>One valid start body per saga route.</summary>
    public static IReadOnlyDictionary<string, string> ValidBodies { get; } = new Dictionary<string, string>
    {
        ["order"] = """{"orderId":"ORD-C","customerId":"cust-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":10.50}""",
        ["order-fulfillment"] = """{"orderId":"ORD-C","customerId":"cust-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":10.50}""",
        ["money-transfer"] = """{"transferId":"TX-C","fromAccount":"ACC-001","toAccount":"ACC-002","amount":10.00}""",
        ["ticketing"] = """{"bookingId":"BK-C","eventId":"EVT-001","seatIds":["A19"],"customerId":"cust-1","totalAmount":50}""",
        ["deployment"] = """{"deploymentId":"DEP-C","version":"1.0.0","imageTag":"app:1"}""",
        ["insurance-claim"] = """{"claimId":"CLM-C","policyId":"POL-1","customerId":"cust-1","amount":100,"description":"broken window"}""",
        ["migration"] = """{"migrationId":"MIG-C","serviceId":"svc-1","totalRecords":100,"batchCount":2}""",
        ["batch"] = """{"batchId":"B-C","items":["a","b"]}""",
    };

    public static IReadOnlyList<BadInput> All { get; } = Build();

    private static List<BadInput> Build()
    {
        var cases = new List<BadInput>();
        foreach (var (saga, valid) in ValidBodies)
        {
            cases.AddRange(StartCases(saga, valid));
        }

        cases.AddRange(RouteIdCases());
        cases.AddRange(ListCases());
        cases.AddRange(EventCases());
        cases.AddRange(CancelAndTerminateCases());
        cases.AddRange(RetryStepCases());
        cases.AddRange(DeadLetterCases());
        cases.AddRange(WrongMethodCases());
        cases.AddRange(ParticipantCases());
        cases.AddRange(WebhookCases());

        var duplicates = cases.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return duplicates.Count == 0 ? cases : throw new InvalidOperationException("Duplicate corpus names: " + string.Join(", ", duplicates));
    }

    /// <summary>Everything that can be wrong with a start body, generated field by field from the valid one.</summary>
    private static IEnumerable<BadInput> StartCases(string saga, string valid)
    {
        var path = $"/api/sagas/{saga}/corpus-{saga}";
        BadInput Case(string what, string body, string? field, int status = 400, string contentType = Json) =>
            new($"start {saga}: {what}", "POST", path, Encoding.UTF8.GetBytes(body), contentType, [status], field);
        BadInput Bytes(string what, byte[] body, string? field) => new($"start {saga}: {what}", "POST", path, body, Json, [400], field);

        // Malformed JSON and bodies that are not an object.
        yield return Case("empty body", string.Empty, "$");
        yield return Case("truncated JSON", valid[..(valid.Length / 2)], "$");
        yield return Case("single quotes", valid.Replace('"', '\''), "$");
        yield return Case("trailing comma", valid[..^1] + ",}", "$");
        yield return Case("comment", "/* hi */" + valid, "$");
        yield return Case("two documents", valid + valid, "$");
        yield return Case("not JSON at all", "hello", "$");
        yield return Case("array", "[" + valid + "]", "$");
        yield return Case("string", "\"" + saga + "\"", "$");
        yield return Case("number", "42", "$");
        yield return Case("null", "null", "$");
        yield return Bytes("invalid UTF-8", [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'], "$");
        yield return Case("deeply nested array", new string('[', 5000) + new string(']', 5000), "$");
        yield return Case("deeply nested value in a field", valid[..^1] + ",\"deep\":" + new string('[', 200) + new string(']', 200) + "}", "$");
        yield return Case($"huge body ({HugeChars / 1024} KB)", valid[..^1] + ",\"padding\":\"" + new string('x', HugeChars) + "\"}", null, 413);

        // Wrong content types whose content is not JSON (the one rule: the body is read as JSON whatever Content-Type says).
        yield return Case("form-urlencoded body", "orderId=ORD-C&amount=10", "$", contentType: "application/x-www-form-urlencoded");
        yield return Case("text/plain body", "order please", "$", contentType: "text/plain");
        yield return Case("XML body", "<order><orderId>ORD-C</orderId></order>", "$", contentType: "application/xml");
        yield return Case("multipart body", "--b\r\nContent-Disposition: form-data; name=\"orderId\"\r\n\r\nORD-C\r\n--b--", "$", contentType: "multipart/form-data; boundary=b");

        var root = JsonNode.Parse(valid)!.AsObject();
        yield return Case("extra top-level field", With(root, o => o["unexpected"] = 1), "unexpected");
        yield return Case("field in wrong case and a typo", With(root, o => o[First(o) + "x"] = "v"), First(root) + "x");

        foreach (var (name, value) in root.ToList())
        {
            var kind = value!.GetValueKind();
            yield return Case($"'{name}' missing", With(root, o => o.Remove(name)), name);
            yield return Case($"'{name}' null", With(root, o => o[name] = null), name);
            yield return Case($"'{name}' an object", With(root, o => o[name] = new JsonObject { ["x"] = 1 }), name);
            switch (kind)
            {
                case System.Text.Json.JsonValueKind.String:
                    yield return Case($"'{name}' a number", With(root, o => o[name] = 123), name);
                    yield return Case($"'{name}' a boolean", With(root, o => o[name] = true), name);
                    yield return Case($"'{name}' blank", With(root, o => o[name] = "   "), name);
                    yield return Case($"'{name}' over 2000 characters", With(root, o => o[name] = new string('a', 2001)), name);
                    yield return Case($"'{name}' with a NUL character", With(root, o => o[name] = "A\u0000B"), name);
                    yield return Case($"'{name}' with an escape character", With(root, o => o[name] = "A\u001b[31mB"), name);
                    if (name != "description")
                    {
                        yield return Case($"'{name}' with a line break", With(root, o => o[name] = "A\nB"), name);
                    }

                    yield return Case($"'{name}' a lone surrogate", valid.Replace($"\"{name}\":\"{value.GetValue<string>()}\"", $"\"{name}\":\"A\\ud800B\"", StringComparison.Ordinal), name);
                    break;
                case System.Text.Json.JsonValueKind.Number:
                    yield return Case($"'{name}' a number in a string", With(root, o => o[name] = value.ToJsonString()), name);
                    yield return Case($"'{name}' a word", With(root, o => o[name] = "ten"), name);
                    yield return Case($"'{name}' negative", With(root, o => o[name] = -1), name);
                    yield return Case($"'{name}' zero", With(root, o => o[name] = 0), name);
                    yield return Case($"'{name}' 1e30", valid.Replace($"\"{name}\":{value.ToJsonString()}", $"\"{name}\":1e30", StringComparison.Ordinal), name);
                    yield return Case($"'{name}' 1e400", valid.Replace($"\"{name}\":{value.ToJsonString()}", $"\"{name}\":1e400", StringComparison.Ordinal), name);
                    yield return Case($"'{name}' NaN", valid.Replace($"\"{name}\":{value.ToJsonString()}", $"\"{name}\":NaN", StringComparison.Ordinal), "$");
                    yield return Case($"'{name}' fractional beyond cents", With(root, o => o[name] = 10.001m), name);
                    break;
                case System.Text.Json.JsonValueKind.Array:
                    yield return Case($"'{name}' empty", With(root, o => o[name] = new JsonArray()), name);
                    yield return Case($"'{name}' a string", With(root, o => o[name] = "A1"), name);
                    yield return Case($"'{name}' over 100 entries", With(root, o => o[name] = new JsonArray([.. Enumerable.Range(0, 101).Select(_ => value.AsArray()[0]!.DeepClone())])), name);
                    yield return Case($"'{name}' with a null entry", With(root, o => o[name] = new JsonArray(null, value.AsArray()[0]!.DeepClone())), $"{name}[0]");
                    var first = value.AsArray()[0]!;
                    if (first.GetValueKind() == System.Text.Json.JsonValueKind.Object)
                    {
                        foreach (var (inner, innerValue) in first.AsObject().ToList())
                        {
                            var field = $"{name}[0].{inner}";
                            yield return Case($"'{field}' missing", With(root, o => o[name]![0]!.AsObject().Remove(inner)), field);
                            yield return Case($"'{field}' a boolean", With(root, o => o[name]![0]![inner] = true), field);
                            if (innerValue!.GetValueKind() == System.Text.Json.JsonValueKind.Number)
                            {
                                yield return Case($"'{field}' in a string", With(root, o => o[name]![0]![inner] = innerValue.ToJsonString()), field);
                                yield return Case($"'{field}' fractional", With(root, o => o[name]![0]![inner] = 1.5), field);
                                yield return Case($"'{field}' out of range", With(root, o => o[name]![0]![inner] = 10_000_000_000L), field);
                                yield return Case($"'{field}' negative", With(root, o => o[name]![0]![inner] = -3), field);
                            }
                            else
                            {
                                yield return Case($"'{field}' with a NUL character", With(root, o => o[name]![0]![inner] = "A\u0000B"), field);
                            }
                        }

                        yield return Case($"'{name}[0]' extra field", With(root, o => o[name]![0]!["colour"] = "red"), $"{name}[0].colour");
                    }
                    else
                    {
                        yield return Case($"'{name}[0]' a number", With(root, o => o[name]![0] = 7), $"{name}[0]");
                        yield return Case($"'{name}[0]' blank", With(root, o => o[name]![0] = ""), $"{name}[0]");
                        yield return Case($"'{name}[0]' with a NUL character", With(root, o => o[name]![0] = "A\u0000B"), $"{name}[0]");
                    }

                    break;
            }
        }
    }

    /// <summary>Instance ids in the route: path characters (encoded and raw), control characters, too long.</summary>
    private static IEnumerable<BadInput> RouteIdCases()
    {
        var body = Encoding.UTF8.GetBytes(ValidBodies["order"]);
        foreach (var (what, id) in new[]
        {
            ("encoded slash", "acme%2F1"), ("encoded backslash", "acme%5C1"), ("encoded hash", "acme%231"),
            ("encoded question mark", "acme%3F1"), ("encoded line feed", "acme%0A1"),
            ("encoded escape", "acme%1B1"), ("encoded DEL", "acme%7F1"), ("101 characters", new string('i', 101)),
            ("encoded slash-dot-dot", "%2E%2E%2Fetc"), ("blank", "%20"),
        })
        {
            yield return new($"start order: instance id with {what}", "POST", $"/api/sagas/order/{id}", body, Json, [400], "instanceId");
            yield return new($"view order: instance id with {what}", "GET", $"/api/sagas/order/{id}", null, null, [400], "instanceId");
            yield return new($"event: instance id with {what}", "POST", $"/api/sagas/ticketing/{id}/events/payment", Encoding.UTF8.GetBytes("""{"succeeded":false}"""), Json, [400], "instanceId");
            yield return new($"cancel: instance id with {what}", "POST", $"/api/sagas/order/{id}/cancel", null, null, [400], "instanceId");
            yield return new($"terminate: instance id with {what}", "POST", $"/api/sagas/order/{id}/terminate", null, null, [400], "instanceId");
        }

        foreach (var (what, path) in new[]
        {
            ("start order: instance id with encoded NUL", "/api/sagas/order/acme%001"), ("view order: instance id with encoded NUL", "/api/sagas/order/acme%001"),
            ("cancel: instance id with encoded NUL", "/api/sagas/order/acme%001/cancel"), ("start: saga name with a NUL", "/api/sagas/order%00"),
            ("event payment: event name with a NUL", $"/api/sagas/ticketing/{WaitingTicket}/events/pay%00ment"),
        })
        {
            yield return new(what, what.StartsWith("view", StringComparison.Ordinal) ? "GET" : "POST", path, body, Json, [400], null, CorpusHosts.ServerRejected);
        }

        yield return new("start order: raw slash in the instance id", "POST", "/api/sagas/order/acme/1", body, Json, [400], "instanceId", CorpusHosts.HostRoutedInFunctionApp);
        yield return new("view order: raw slash in the instance id", "GET", "/api/sagas/order/acme/1", null, null, [400], "instanceId", CorpusHosts.HostRoutedInFunctionApp);
        yield return new("start: unknown saga", "POST", "/api/sagas/teleport/corpus-x", body, Json, [404], null);
        yield return new("start: unknown saga without id", "POST", "/api/sagas/teleport", body, Json, [404], null);
        yield return new("view: unknown saga", "GET", "/api/sagas/teleport/corpus-x", null, null, [404], null);
        yield return new("view: unknown instance", "GET", "/api/sagas/order/never-started", null, null, [404], null);
        yield return new("view: another saga's instance", "GET", $"/api/sagas/order/{WaitingTicket}", null, null, [404], null);
    }

    private static IEnumerable<BadInput> ListCases()
    {
        foreach (var (query, field) in new[]
        {
            ("bogus=1", "bogus"), ("pageSize=0", "pageSize"), ("pageSize=-5", "pageSize"), ("pageSize=abc", "pageSize"),
            ("pageSize=99999999999", "pageSize"), ("pageSize=1.5", "pageSize"), ("runtimeStatus=Sleeping", "runtimeStatus"),
            ("status=Running", "status"), ("status=nope", "status"), ("phase=nowhere", "phase"), ("stuck=maybe", "stuck"),
            ("createdFrom=yesterday", "createdFrom"), ("createdTo=2026-13-45", "createdTo"),
            ("createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z", "createdFrom"), ("saga=teleport", "saga"),
            ("continuationToken=not-a-token", "continuationToken"),
        })
        {
            yield return new($"list: ?{query}", "GET", $"/api/sagas?{query}", null, null, [400], field);
        }

        yield return new("list of one: ?bogus=1", "GET", "/api/sagas/order?bogus=1", null, null, [400], "bogus");
        yield return new("list of one: ?saga= another saga", "GET", "/api/sagas/order?saga=ticketing", null, null, [400], "saga");
        yield return new("list of one: unknown saga", "GET", "/api/sagas/teleport", null, null, [404], null);
        yield return new("definitions: ?saga=order", "GET", "/api/definitions?saga=order", null, null, [400], "saga");
        yield return new("definition: unknown saga", "GET", "/api/definitions/teleport", null, null, [404], null);
    }

    private static IEnumerable<BadInput> EventCases()
    {
        var payment = $"/api/sagas/ticketing/{WaitingTicket}/events/payment";
        var approval = $"/api/sagas/insurance-claim/{WaitingClaim}/events/approval";
        BadInput Event(string what, string path, string body, string? field, int status = 400, string? contentType = Json) =>
            new($"event {what}", "POST", path, Encoding.UTF8.GetBytes(body), contentType, [status], field);

        yield return Event("payment: empty body", payment, string.Empty, "succeeded");
        yield return Event("payment: malformed JSON", payment, "{\"succeeded\":", "$");
        yield return Event("payment: array", payment, "[true]", "$");
        yield return Event("payment: 'succeeded' missing", payment, "{}", "succeeded");
        yield return Event("payment: 'succeeded' a string", payment, """{"succeeded":"true"}""", "succeeded");
        yield return Event("payment: 'succeeded' a number", payment, """{"succeeded":1}""", "succeeded");
        yield return Event("payment: success without 'paymentId'", payment, """{"succeeded":true}""", "paymentId");
        yield return Event("payment: 'paymentId' a number", payment, """{"succeeded":true,"paymentId":5}""", "paymentId");
        yield return Event("payment: 'paymentId' over 100 characters", payment, $$"""{"succeeded":true,"paymentId":"{{new string('p', 101)}}"}""", "paymentId");
        yield return Event("payment: 'paymentId' with a NUL", payment, """{"succeeded":true,"paymentId":"P\u0000X"}""", "paymentId");
        yield return Event("payment: 'reason' over 500 characters", payment, $$"""{"succeeded":false,"reason":"{{new string('r', 501)}}"}""", "reason");
        yield return Event("payment: 'reason' an object", payment, """{"succeeded":false,"reason":{}}""", "reason");
        yield return Event("payment: extra field", payment, """{"succeeded":false,"amount":3}""", "amount");
        yield return Event("payment: huge body", payment, $$"""{"succeeded":false,"reason":"{{new string('r', HugeChars)}}"}""", null, 413);
        yield return Event("payment: deeply nested", payment, new string('[', 5000) + new string(']', 5000), "$");
        yield return Event("payment: text/plain", payment, "paid", "$", contentType: "text/plain");
        yield return Event("payment: event the saga does not accept", $"/api/sagas/ticketing/{WaitingTicket}/events/payed", """{"succeeded":true,"paymentId":"P-1"}""", "eventName");
        yield return Event("payment: unknown instance", "/api/sagas/ticketing/never-started/events/payment", """{"succeeded":false}""", null, 404);
        yield return Event("payment: unknown saga", $"/api/sagas/teleport/{WaitingTicket}/events/payment", """{"succeeded":false}""", null, 404);
        yield return Event("approval: 'approved' missing", approval, """{"approver":"ann"}""", "approved");
        yield return Event("approval: 'approved' a string", approval, """{"approved":"yes"}""", "approved");
        yield return Event("approval: 'approver' a number", approval, """{"approved":true,"approver":7}""", "approver");
        yield return Event("approval: extra field", approval, """{"approved":true,"amount":5}""", "amount");
        yield return Event("approval: null", approval, "null", "$");
        yield return Event("approval: sent to the ticketing saga", $"/api/sagas/ticketing/{WaitingTicket}/events/approval", """{"approved":true}""", "eventName");
    }

    private static IEnumerable<BadInput> CancelAndTerminateCases()
    {
        foreach (var action in new[] { "cancel", "terminate" })
        {
            var path = $"/api/sagas/ticketing/{WaitingTicket}/{action}";
            BadInput Case(string what, string body, string? field, int status = 400) =>
                new($"{action}: {what}", "POST", path, Encoding.UTF8.GetBytes(body), Json, [status], field);
            yield return Case("malformed JSON", "{\"reason\":", "$");
            yield return Case("array", "[]", "$");
            yield return Case("'reason' a number", """{"reason":5}""", "reason");
            yield return Case("'reason' over 500 characters", $$"""{"reason":"{{new string('r', 501)}}"}""", "reason");
            yield return Case("extra field", """{"why":"x"}""", "why");
            yield return Case("huge body", $$"""{"reason":"{{new string('r', HugeChars)}}"}""", null, 413);
            yield return new($"{action}: unknown instance", "POST", $"/api/sagas/ticketing/never-started/{action}", null, null, [404], null);
            yield return new($"{action}: another saga's instance", "POST", $"/api/sagas/order/{WaitingTicket}/{action}", null, null, [404], null);
        }
    }

    private static IEnumerable<BadInput> RetryStepCases()
    {
        var path = $"/api/sagas/ticketing/{WaitingTicket}/retry";
        BadInput Case(string what, string body, string? field, int status = 400) =>
            new($"retry: {what}", "POST", path, Encoding.UTF8.GetBytes(body), Json, [status], field);
        yield return Case("malformed JSON", "{\"note\":", "$");
        yield return Case("array", "[]", "$");
        yield return Case("'note' a number", """{"note":5}""", "note");
        yield return Case("'note' over 500 characters", $$"""{"note":"{{new string('n', 501)}}"}""", "note");
        yield return Case("'note' with a control character", """{"note":"a\u0007b"}""", "note");
        yield return Case("extra field", """{"reason":"x"}""", "reason");
        yield return Case("huge body", $$"""{"note":"{{new string('n', HugeChars)}}"}""", null, 413);
        yield return Case("saga not waiting to retry", """{"note":"now"}""", null, 409);
        yield return new("retry: unknown instance", "POST", "/api/sagas/ticketing/never-started/retry", null, null, [404], null);
        yield return new("retry: another saga's instance", "POST", $"/api/sagas/order/{WaitingTicket}/retry", null, null, [404], null);
    }

    private static IEnumerable<BadInput> DeadLetterCases()
    {
        yield return new("dead letters: ?bogus=1", "GET", "/api/dead-letters?bogus=1", null, null, [400], "bogus");
        yield return new("dead letters: ?status=closed", "GET", "/api/dead-letters?status=closed", null, null, [400], "status");
        yield return new("dead letter: unknown id", "GET", "/api/dead-letters/never-written", null, null, [404], null);
        yield return new("dead letter: id with an encoded slash", "GET", "/api/dead-letters/a%2Fb", null, null, [400, 404], null);
        yield return new("dead letter retry: unknown id", "POST", "/api/dead-letters/never-written/retry", null, null, [404], null);
        yield return new("dead letter resolve: unknown id", "POST", "/api/dead-letters/never-written/resolve", Encoding.UTF8.GetBytes("""{"note":"x"}"""), Json, [404], null);
        foreach (var (what, body, field, status) in new[]
        {
            ("malformed JSON", "{\"note\":", "$", 400), ("array", "[]", "$", 400), ("'note' a number", """{"note":5}""", "note", 400),
            ("'note' over the limit", $$"""{"note":"{{new string('n', 5000)}}"}""", "note", 400), ("extra field", """{"comment":"x"}""", "comment", 400),
            ("huge body", $$"""{"note":"{{new string('n', HugeChars)}}"}""", null, 413),
        })
        {
            yield return new($"dead letter resolve: {what}", "POST", "/api/dead-letters/{deadLetter}/resolve", Encoding.UTF8.GetBytes(body), Json, [status], field);
        }
    }

    /// <summary>Methods no route takes: Standalone answers 405 problem details; FunctionApp's host answers 404 (no function).</summary>
    private static IEnumerable<BadInput> WrongMethodCases()
    {
        foreach (var (method, path) in new[]
        {
            ("DELETE", "/api/sagas"), ("PUT", "/api/sagas/order"), ("PATCH", "/api/sagas/order/corpus-x"),
            ("DELETE", $"/api/sagas/ticketing/{WaitingTicket}"), ("GET", $"/api/sagas/ticketing/{WaitingTicket}/cancel"),
            ("PUT", $"/api/sagas/ticketing/{WaitingTicket}/events/payment"), ("DELETE", "/api/dead-letters"),
            ("PUT", "/api/dead-letters/{deadLetter}"), ("GET", "/api/dead-letters/{deadLetter}/retry"),
            ("POST", "/api/definitions"), ("DELETE", "/api/definitions/order"),
        })
        {
            yield return new($"wrong method: {method} {path}", method, path, method is "GET" or "DELETE" ? null : Encoding.UTF8.GetBytes("{}"), Json, [405], null, CorpusHosts.HostRoutedInFunctionApp);
        }
    }

    /// <summary>The participants' routes (the same service under both hosts).</summary>
    private static IEnumerable<BadInput> ParticipantCases()
    {
        BadInput Fault(string what, string body, string field) =>
            new($"participants faults: {what}", "POST", "/participants/faults", Encoding.UTF8.GetBytes(body), Json, [400], field);
        yield return Fault("malformed JSON", "{\"service\":", "body");
        yield return Fault("unknown service", """{"service":"teleport","operation":"charge","mode":"permanent"}""", "service");
        yield return Fault("unknown operation", """{"service":"payments","operation":"steal","mode":"permanent"}""", "operation");
        yield return Fault("unknown mode", """{"service":"payments","operation":"charge","mode":"sometimes"}""", "mode");
        yield return Fault("negative count", """{"service":"payments","operation":"charge","mode":"transient","count":-1}""", "count");
        yield return Fault("count in a string", """{"service":"payments","operation":"charge","mode":"transient","count":"2"}""", "count");
        yield return Fault("probability above 1", """{"service":"payments","operation":"charge","mode":"transient","probability":2}""", "probability");
        yield return Fault("latency without latencyMs", """{"service":"payments","operation":"charge","mode":"latency"}""", "latencyMs");
        yield return Fault("extra field", """{"service":"payments","operation":"charge","mode":"permanent","colour":"red"}""", "colour");

        var debit = """{"accountId":"ACC-001","amount":1.00,"transferId":"corpus"}""";
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "corpus-1" };
        yield return new("participants debit: no Idempotency-Key", "POST", "/participants/accounts/debit", Encoding.UTF8.GetBytes(debit), Json, [400], null);
        yield return new("participants debit: amount in a string", "POST", "/participants/accounts/debit", Encoding.UTF8.GetBytes(debit.Replace("1.00", "\"1.00\"", StringComparison.Ordinal)), Json, [400], "amount") { Headers = key };
        yield return new("participants debit: negative amount", "POST", "/participants/accounts/debit", Encoding.UTF8.GetBytes(debit.Replace("1.00", "-1.00", StringComparison.Ordinal)), Json, [400], "amount") { Headers = key };
        yield return new("participants debit: malformed JSON", "POST", "/participants/accounts/debit", "{\"accountId\""u8.ToArray(), Json, [400], "body") { Headers = key };
        yield return new("participants: unknown account", "GET", "/participants/accounts/ACC-404", null, null, [404], null);
        yield return new("participants: account id with an encoded slash", "GET", "/participants/accounts/ACC-001%2F..", null, null, [400, 404], null);
    }

    /// <summary>Durable's management webhooks, which Standalone serves itself (FunctionApp's come from the extension).</summary>
    private static IEnumerable<BadInput> WebhookCases()
    {
        const string Instances = "/runtime/webhooks/durabletask/instances";
        yield return new("webhook raiseEvent: text/plain", "POST", $"{Instances}/{WaitingTicket}/raiseEvent/payment", "{\"succeeded\":false}"u8.ToArray(), "text/plain", [400], "$", CorpusHosts.StandaloneOnly);
        yield return new("webhook raiseEvent: malformed JSON", "POST", $"{Instances}/{WaitingTicket}/raiseEvent/payment", "{\"succeeded\""u8.ToArray(), Json, [400], "$", CorpusHosts.StandaloneOnly);
        yield return new("webhook raiseEvent: unknown instance", "POST", $"{Instances}/never-started/raiseEvent/payment", "{}"u8.ToArray(), Json, [404], null, CorpusHosts.StandaloneOnly);
        yield return new("webhook status: unknown instance", "GET", $"{Instances}/never-started", null, null, [404], null, CorpusHosts.StandaloneOnly);
        yield return new("webhook restart: unknown instance", "POST", $"{Instances}/never-started/restart", null, null, [400], "instanceId", CorpusHosts.StandaloneOnly);
    }

    private static string With(JsonObject root, Action<JsonObject> change)
    {
        var copy = root.DeepClone().AsObject();
        change(copy);
        return copy.ToJsonString();
    }

    private static string First(JsonObject root) => root.First().Key;
}
