namespace SagaFunctions.Standalone;

/// <summary>
/// How the sagas' participant clients reach the participants when not over a socket: a host that runs Standalone on an
/// in-memory server (ASP.NET Core's <c>TestServer</c>, which has no address to call back to) registers one with that
/// server's handler. Without one the clients use the network (<c>Participants:BaseUrl</c> or the app's own address).
/// </summary>
/// <param name="CreateHandler">Creates the handler for one participant client.</param>
public sealed record ParticipantsTransport(Func<HttpMessageHandler> CreateHandler);
