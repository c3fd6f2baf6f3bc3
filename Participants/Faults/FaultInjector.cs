using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Faults;

/// <summary>
/// Injected faults, checked at the start of every mutating operation, before it reads or writes anything, so a
/// failed call has no effect and stores no idempotent result. <c>transient</c>: 503 <c>count</c> times, then
/// success; <c>permanent</c>: 500 until removed; <c>latency</c>: a delay, then the call proceeds.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _sync = new();
    private readonly List<FaultRule> _rules = [];
    private readonly TimeProvider _time;
    private readonly ILogger<FaultInjector> _logger;
    private readonly Func<double> _random;

    public FaultInjector(IOptions<ParticipantsOptions> options, TimeProvider time, ILogger<FaultInjector> logger)
        : this(options, time, logger, NextDouble)
    {
    }

    internal FaultInjector(IOptions<ParticipantsOptions> options, TimeProvider time, ILogger<FaultInjector> logger, Func<double> random)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _logger = logger;
        _random = random;
        var configured = options.Value.Faults;
        for (var i = 0; i < configured.Count; i++)
        {
            var fault = configured[i];
            var request = new FaultRequest(fault.Service!, fault.Operation!, fault.Mode!, fault.Count, fault.Probability, fault.Key, fault.LatencyMs);
            var errors = Validate(request);
            if (!errors.IsEmpty)
            {
                var problems = string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
                throw new InvalidOperationException($"Invalid fault in configuration {ParticipantsOptions.SectionName}:Faults:{i.ToString(CultureInfo.InvariantCulture)}: {problems}");
            }

            Add(request);
        }
    }

    /// <summary>Checks a fault request; an empty result means it is valid.</summary>
    internal static ValidationErrors Validate(FaultRequest request)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Service))
        {
            errors.Add("service", "The service field is required.");
        }
        else if (!ParticipantCatalog.Operations.TryGetValue(request.Service, out var operations))
        {
            errors.Add("service", $"Unknown service '{request.Service}'. Known: {string.Join(", ", ParticipantCatalog.Operations.Keys)}.");
        }
        else if (string.IsNullOrWhiteSpace(request.Operation))
        {
            errors.Add("operation", "The operation field is required.");
        }
        else if (!operations.Contains(request.Operation, StringComparer.Ordinal))
        {
            errors.Add("operation", $"Unknown operation '{request.Operation}' of service '{request.Service}'. Known: {string.Join(", ", operations)}.");
        }

        errors.OneOf("mode", request.Mode, [.. ParticipantCatalog.FaultModes]);
        if (request.Count is < 1 or > 1_000_000)
        {
            errors.Add("count", "The count field must be between 1 and 1000000.");
        }

        if (request.Probability is { } p && (double.IsNaN(p) || p < 0 || p > 1))
        {
            errors.Add("probability", "The probability field must be between 0 and 1.");
        }

        if (request.Key is not null && string.IsNullOrWhiteSpace(request.Key))
        {
            errors.Add("key", "The key field must not be blank when given.");
        }

        if (request.Mode == "latency" && request.LatencyMs is null)
        {
            errors.Add("latencyMs", "The latencyMs field is required for mode 'latency'.");
        }
        else if (request.LatencyMs is < 1 or > 300_000)
        {
            errors.Add("latencyMs", "The latencyMs field must be between 1 and 300000.");
        }

        return errors;
    }

    /// <summary>Adds a (valid) fault and returns it.</summary>
    public FaultView Add(FaultRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = Validate(request);
        if (!errors.IsEmpty)
        {
            throw new ArgumentException("Invalid fault: " + string.Join("; ", errors.ToDictionary().Keys), nameof(request));
        }

        // transient and lost default to once; latency without a count delays every matching call.
        var count = request.Mode switch
        {
            "transient" or "lost" => request.Count ?? 1,
            "latency" => request.Count,
            _ => (int?)null,
        };
        var rule = new FaultRule
        {
            Id = Ids.New("flt"),
            Service = request.Service,
            Operation = request.Operation,
            Mode = request.Mode,
            Count = count,
            Remaining = count,
            Probability = request.Probability ?? 1,
            Key = request.Key,
            LatencyMs = request.Mode == "latency" ? request.LatencyMs : null,
        };
        lock (_sync)
        {
            _rules.Add(rule);
            return rule.ToView();
        }
    }

    public IReadOnlyList<FaultView> List()
    {
        lock (_sync)
        {
            return [.. _rules.Select(r => r.ToView())];
        }
    }

    public FaultView? Get(string id)
    {
        lock (_sync)
        {
            return _rules.Find(r => r.Id == id)?.ToView();
        }
    }

    public bool Remove(string id)
    {
        lock (_sync)
        {
            return _rules.RemoveAll(r => r.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _rules.Clear();
        }
    }

    /// <summary>Applies the matching faults: waits for any latency, then returns the failure to answer with, or null.</summary>
    internal async Task<FaultDecision?> ApplyAsync(string service, string operation, string key, CancellationToken cancellationToken)
    {
        var delay = 0;
        FaultDecision? failure = null;
        lock (_sync)
        {
            foreach (var rule in _rules)
            {
                if (!rule.Matches(service, operation, key) || rule.Remaining <= 0)
                {
                    continue;
                }

                if (rule.Probability < 1 && (rule.Probability <= 0 || _random() >= rule.Probability))
                {
                    continue;
                }

                switch (rule.Mode)
                {
                    case "latency":
                        rule.Triggered++;
                        rule.Remaining--;
                        delay += rule.LatencyMs ?? 0;
                        break;
                    case "transient" when failure is null:
                        rule.Triggered++;
                        rule.Remaining--;
                        failure = new FaultDecision(rule.Id, StatusCodes.Status503ServiceUnavailable,
                            $"Injected transient fault {rule.Id} on {service}/{operation} ({rule.Remaining} left).");
                        break;
                    case "lost" when failure is null:
                        rule.Triggered++;
                        rule.Remaining--;
                        failure = new FaultDecision(rule.Id, StatusCodes.Status503ServiceUnavailable,
                            $"Injected lost answer {rule.Id} on {service}/{operation}: the operation was applied, its answer lost ({rule.Remaining} left).",
                            AfterEffect: true);
                        break;
                    case "reject" when failure is null:
                        rule.Triggered++;
                        failure = new FaultDecision(rule.Id, StatusCodes.Status422UnprocessableEntity,
                            $"Injected business rejection {rule.Id} on {service}/{operation}.");
                        break;
                    case "permanent" when failure is null:
                        rule.Triggered++;
                        failure = new FaultDecision(rule.Id, StatusCodes.Status500InternalServerError,
                            $"Injected permanent fault {rule.Id} on {service}/{operation}.");
                        break;
                    default:
                        break;
                }
            }
        }

        if (delay > 0)
        {
            _logger.LogInformation("Injected {Delay} ms latency into {Service}/{Operation} (key {Key})", delay, service, operation, key);
            await Task.Delay(TimeSpan.FromMilliseconds(delay), _time, cancellationToken);
        }

        if (failure is not null)
        {
            _logger.LogWarning("Injected fault {FaultId}: {Service}/{Operation} (key {Key}) fails with {Status}", failure.FaultId, service, operation, key, failure.StatusCode);
        }

        return failure;
    }

    private static double NextDouble() => RandomNumberGenerator.GetInt32(int.MaxValue) / (double)int.MaxValue;
}
