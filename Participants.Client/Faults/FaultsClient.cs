using System.Net;
using System.Net.Http.Json;

namespace SagaFunctions.Participants.Client;

/// <summary>Typed client of the fault-injection API (<c>/participants/faults</c>), for demos and tests.</summary>
public sealed class FaultsClient(HttpClient http) : ParticipantHttpClient(http)
{
    /// <summary>Adds a fault; an invalid fault is a rejection with code <c>invalid_request</c>.</summary>
    public async Task<ParticipantResult<FaultView>> AddAsync(FaultRequest fault, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fault);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("participants/faults", UriKind.Relative))
        {
            Content = JsonContent.Create(fault, options: ParticipantJson.Options),
        };
        using var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return await ReadResultAsync<FaultView>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FaultView>> ListAsync(CancellationToken cancellationToken = default) =>
        await GetOrDefaultAsync<List<FaultView>>("participants/faults", cancellationToken).ConfigureAwait(false) ?? [];

    /// <summary>Removes one fault; false when it was unknown.</summary>
    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Delete, new Uri("participants/faults/" + Uri.EscapeDataString(id), UriKind.Relative));
        using var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.StatusCode != HttpStatusCode.NotFound && EnsureAnswered(response);
    }

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Delete, new Uri("participants/faults", UriKind.Relative));
        using var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        EnsureAnswered(response);
    }

    private static bool EnsureAnswered(HttpResponseMessage response) =>
        response.IsSuccessStatusCode
            ? true
            : throw new ParticipantUnavailableException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} failed with {(int)response.StatusCode}.",
                (int)response.StatusCode, null);
}
