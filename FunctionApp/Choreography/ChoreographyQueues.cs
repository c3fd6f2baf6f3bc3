using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using SagaFunctions.Sagas.Choreography;

namespace SagaFunctions.FunctionApp.Choreography;

/// <summary>
/// The choreography's Storage Queues, one per participant service (payments, inventory, shipping, notifications), named
/// by app settings (<see cref="AppSettings.ChoreographyPaymentsQueue"/> ...), which the queue triggers read too. A message
/// goes to the queue of its topic's service (<see cref="OrderChoreography.ServiceOf"/>). Messages are Base64-encoded, the
/// queue extension's default <c>messageEncoding</c>. Each queue is created on its first send.
/// </summary>
public sealed class ChoreographyQueues
{
    public const string Payments = "payments";
    public const string Inventory = "inventory";
    public const string Shipping = "shipping";
    public const string Notifications = "notifications";

    /// <summary>The suffix the Functions host gives a queue's poison queue (after host.json's <c>maxDequeueCount</c>).</summary>
    public const string PoisonSuffix = "-poison";

    private readonly QueueServiceClient _service;
    private readonly Dictionary<string, string> _names;
    private readonly ConcurrentDictionary<string, QueueClient> _created = new(StringComparer.Ordinal);

    public ChoreographyQueues(QueueServiceClient service, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _service = service;
        _names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Payments] = QueueName(configuration, AppSettings.ChoreographyPaymentsQueue),
            [Inventory] = QueueName(configuration, AppSettings.ChoreographyInventoryQueue),
            [Shipping] = QueueName(configuration, AppSettings.ChoreographyShippingQueue),
            [Notifications] = QueueName(configuration, AppSettings.ChoreographyNotificationsQueue),
        };
    }

    /// <summary>The services that have a queue.</summary>
    public static IReadOnlyList<string> Services { get; } = [Payments, Inventory, Shipping, Notifications];

    /// <summary>The queue name of <paramref name="serviceName"/>.</summary>
    public string NameOf(string serviceName) =>
        _names.TryGetValue(serviceName, out var name) ? name : throw new ArgumentException($"No choreography queue for service '{serviceName}'.", nameof(serviceName));

    /// <summary>Sends <paramref name="message"/> to its topic's queue.</summary>
    public async Task SendAsync(ChoreographyMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var queue = await QueueAsync(NameOf(OrderChoreography.ServiceOf(message.Topic)));
        await queue.SendMessageAsync(ChoreographyMessageJson.Write(message), cancellationToken);
    }

    /// <summary>The client of queue <paramref name="queueName"/>, created on first use (Base64 message bodies).</summary>
    public async Task<QueueClient> QueueAsync(string queueName)
    {
        if (_created.TryGetValue(queueName, out var known))
        {
            return known;
        }

        // Not cached before it exists: a failed create is tried again by the next send.
        var client = _service.GetQueueClient(queueName);
        await client.CreateIfNotExistsAsync();
        return _created.GetOrAdd(queueName, client);
    }

    /// <summary>Queue names: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    private static string QueueName(IConfiguration configuration, string setting)
    {
        var name = configuration.GetSetting(setting)
            ?? throw new InvalidOperationException($"App setting '{setting}' is required (the name of a storage queue of the order choreography).");
        var valid = name.Length is >= 3 and <= 63 - 7 // room for the host's "-poison" suffix
            && char.IsAsciiLetterOrDigit(name[0])
            && char.IsAsciiLetterOrDigit(name[^1])
            && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && !name.Contains("--", StringComparison.Ordinal);
        return valid
            ? name
            : throw new InvalidOperationException(
                $"App setting '{setting}' is '{name}', which is not a valid storage queue name (3-56 lower-case letters, digits or single hyphens, starting and ending with a letter or digit).");
    }
}
