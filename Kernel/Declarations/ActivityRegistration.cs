using System.Reflection;
using System.Text.Json;

namespace SagaFunctions.Kernel.Declarations;

/// <summary>
/// One activity as an engine registers it: its name (the method's name, so <c>nameof</c> at the call site matches),
/// input and output types, and a call into the activities class resolved from the host's services. Built from an
/// activities class by <see cref="FromClass"/>: every public instance method <c>Task&lt;TOutput&gt; Name(TInput,
/// CancellationToken)</c> is one activity.
/// </summary>
public sealed record ActivityRegistration(
    string Name,
    Type InputType,
    Func<IServiceProvider, object?, CancellationToken, Task<object?>> Invoke)
{
    private static readonly JsonSerializerOptions InputJson = new(JsonSerializerDefaults.Web);

    private static readonly MethodInfo BindMethod =
        typeof(ActivityRegistration).GetMethod(nameof(Bind), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The activity's output type (what the method's task yields).</summary>
    public Type OutputType { get; init; } = typeof(object);

    /// <summary>The route of the saga whose activity this is (the <c>saga</c> tag of its span); null when shared.</summary>
    public string? Saga { get; init; }

    /// <summary>
    /// The activities of <paramref name="activities"/>, one per public instance method of the shape
    /// <c>Task&lt;TOutput&gt; Name(TInput input, CancellationToken cancellationToken)</c>, in declaration order;
    /// <paramref name="saga"/> tags them with the saga they serve. Throws when the class has no such method.
    /// </summary>
    public static IReadOnlyList<ActivityRegistration> FromClass(Type activities, string? saga)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var found = activities
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(IsActivity)
            .OrderBy(m => m.MetadataToken)
            .Select(m => (ActivityRegistration)BindMethod
                .MakeGenericMethod(activities, m.GetParameters()[0].ParameterType, m.ReturnType.GetGenericArguments()[0])
                .Invoke(null, [m, saga])!)
            .ToList();
        return found.Count > 0
            ? found
            : throw new ArgumentException($"'{activities.Name}' has no activity method (public Task<T> Name(TInput, CancellationToken)).", nameof(activities));
    }

    private static bool IsActivity(MethodInfo method)
    {
        var parameters = method.GetParameters();
        return !method.IsSpecialName
            && method.ReturnType.IsGenericType
            && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
            && parameters.Length == 2
            && parameters[1].ParameterType == typeof(CancellationToken);
    }

    private static ActivityRegistration Bind<TActivities, TInput, TOutput>(MethodInfo method, string? saga)
        where TActivities : class
    {
        var call = method.CreateDelegate<Func<TActivities, TInput, CancellationToken, Task<TOutput>>>();
        var name = method.Name;
        return new ActivityRegistration(name, typeof(TInput), async (services, input, cancellationToken) =>
        {
            ArgumentNullException.ThrowIfNull(services);
            var target = services.GetService(typeof(TActivities)) as TActivities
                ?? throw new InvalidOperationException($"Activity '{name}' needs a {typeof(TActivities).Name} from the host's services (AddSagaActivities registers it).");
            return await call(target, Convert<TInput>(name, input), cancellationToken);
        })
        {
            OutputType = typeof(TOutput),
            Saga = saga,
        };
    }

    /// <summary>The input as <typeparamref name="T"/>: already typed, or JSON (e.g. a dead letter's recorded input) to bind.</summary>
    private static T Convert<T>(string activity, object? input) => input switch
    {
        T typed => typed,
        JsonElement json => json.Deserialize<T>(InputJson) ?? throw new ArgumentException($"Activity '{activity}' needs a {typeof(T).Name}; got JSON null.", nameof(input)),
        null => throw new ArgumentException($"Activity '{activity}' needs a {typeof(T).Name}; got no input.", nameof(input)),
        _ => throw new ArgumentException($"Activity '{activity}' needs a {typeof(T).Name}; got a {input.GetType().Name}.", nameof(input)),
    };
}
