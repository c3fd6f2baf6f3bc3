using System.Text.Json;

namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// A participant operation as a definition names it: <c>POST /participants/{service}/{method}</c> with a body template
/// (see <see cref="Templates"/>), sent with the step's idempotency key.
/// </summary>
/// <param name="Service">A participant service (<c>payments</c>, <c>inventory</c>, …).</param>
/// <param name="Method">One of the service's operations (<c>charge</c>, <c>refund</c>, …).</param>
/// <param name="Path">The route, relative to the participants' base address.</param>
/// <param name="Body">The body template.</param>
public sealed record ParticipantCallSpec(string Service, string Method, string Path, JsonElement Body);
