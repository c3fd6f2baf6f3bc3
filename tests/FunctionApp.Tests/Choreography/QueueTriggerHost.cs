using System.Reflection;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.FunctionApp.Tests.RealEngine;

namespace SagaFunctions.FunctionApp.Tests.Choreography;

/// <summary>
/// What the Functions host's queue listener does, for FunctionApp's <c>[QueueTrigger]</c> functions on real Azurite
/// queues: resolves each trigger's queue name (<c>%Setting%</c>) from the app settings, receives messages with a
/// visibility timeout, invokes the function with the <see cref="QueueMessage"/> (Base64 bodies decoded, the extension's
/// default encoding), deletes the message when the function returns, and when it throws either makes the message visible
/// again (its dequeue count grows on the next receive) or, once the dequeue count reaches host.json's
/// <c>extensions.queues.maxDequeueCount</c>, copies the body to <c>&lt;queue&gt;-poison</c> and deletes it.
/// </summary>
internal sealed class QueueTriggerHost(IServiceProvider services, QueueServiceClient account, IReadOnlyDictionary<string, string?> settings)
{
    private static readonly IReadOnlyList<(MethodInfo Method, QueueTriggerAttribute Trigger)> Triggers =
        [.. FunctionAppFunctions.All
            .Select(m => (Method: m, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()).SingleOrDefault(a => a is not null)))
            .Where(x => x.Trigger is not null)
            .Select(x => (x.Method, x.Trigger!))];

    /// <summary>The repository's FunctionApp/host.json <c>extensions.queues.maxDequeueCount</c> (the host's default, 5, when absent).</summary>
    public static int MaxDequeueCount { get; } = ReadMaxDequeueCount();

    /// <summary>Every queue-triggered function's queue name, resolved.</summary>
    public IReadOnlyList<string> Queues => [.. Triggers.Select(t => Resolve(t.Trigger.QueueName))];

    /// <summary>How many times each function ran, by function name.</summary>
    public Dictionary<string, int> Invocations { get; } = new(StringComparer.Ordinal);

    /// <summary>A client of <paramref name="queueName"/> as the host uses it (Base64 bodies), created when missing.</summary>
    public async Task<QueueClient> QueueAsync(string queueName)
    {
        var queue = account.GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    /// <summary>Delivers messages until a whole pass over every trigger's queue finds none.</summary>
    public async Task RunUntilIdleAsync(int maxPasses = 1000)
    {
        for (var pass = 0; pass < maxPasses; pass++)
        {
            var delivered = 0;
            foreach (var (method, trigger) in Triggers)
            {
                delivered += await DeliverAsync(method, Resolve(trigger.QueueName));
            }

            if (delivered == 0)
            {
                return;
            }
        }

        Assert.Fail($"The queues were still busy after {maxPasses} passes.");
    }

    private async Task<int> DeliverAsync(MethodInfo method, string queueName)
    {
        var queue = await QueueAsync(queueName);
        QueueMessage[] received = await queue.ReceiveMessagesAsync(maxMessages: 16, visibilityTimeout: TimeSpan.FromMinutes(5));
        foreach (var message in received)
        {
            var name = method.GetCustomAttribute<FunctionAttribute>()!.Name;
            Invocations[name] = Invocations.GetValueOrDefault(name) + 1;
            await using var scope = services.CreateAsyncScope();
            var target = ActivatorUtilities.CreateInstance(scope.ServiceProvider, method.DeclaringType!);
            try
            {
                await (Task)method.Invoke(target, [message, CancellationToken.None])!;
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                if (message.DequeueCount >= MaxDequeueCount)
                {
                    var poison = await QueueAsync(queueName + "-poison");
                    await poison.SendMessageAsync(message.Body);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
                else
                {
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
                }

                continue;
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        return received.Length;
    }

    /// <summary>Binding expressions as the host resolves them: each <c>%Name%</c> becomes the app setting's value.</summary>
    private string Resolve(string expression)
    {
        var parts = expression.Split('%');
        for (var i = 1; i < parts.Length; i += 2)
        {
            parts[i] = settings.TryGetValue(parts[i], out var value) && value is not null
                ? value
                : throw new InvalidOperationException($"The queue trigger '{expression}' names app setting '{parts[i]}', which is not set.");
        }

        return string.Concat(parts);
    }

    private static int ReadMaxDequeueCount()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FunctionApp", "host.json")))
        {
            directory = directory.Parent;
        }

        var hostJson = Path.Combine(directory?.FullName ?? throw new InvalidOperationException($"No FunctionApp/host.json above {AppContext.BaseDirectory}."), "FunctionApp", "host.json");
        using var document = JsonDocument.Parse(File.ReadAllText(hostJson));
        return document.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("queues", out var queues)
            && queues.TryGetProperty("maxDequeueCount", out var count)
            ? count.GetInt32()
            : 5;
    }
}
