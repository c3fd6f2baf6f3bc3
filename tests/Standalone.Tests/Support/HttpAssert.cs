using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SagaFunctions.Standalone.Tests.Support;

/// <summary>Assertions on problem-details responses.</summary>
public static class HttpAssert
{
    /// <summary>Asserts status and <c>application/problem+json</c>; returns the body.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        return body;
    }

    /// <summary>Asserts a 400 validation problem whose <c>errors</c> names every one of <paramref name="fields"/>.</summary>
    public static async Task<JsonElement> ValidationAsync(HttpResponseMessage response, params string[] fields)
    {
        var body = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = body.GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out var messages), $"errors has no '{field}': {errors}");
            Assert.True(messages.GetArrayLength() > 0);
        }

        return body;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static JsonContent Json(object value) => JsonContent.Create(value);
}
