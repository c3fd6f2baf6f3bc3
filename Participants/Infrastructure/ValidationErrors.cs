namespace SagaFunctions.Participants.Infrastructure;

/// <summary>Collects field errors (camelCase field names, as in the JSON) for a 400 problem.</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
        return this;
    }

    public ValidationErrors Required(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"The {field} field is required.");
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"The {field} field must be at most {maxLength} characters.");
        }

        return this;
    }

    public ValidationErrors Positive(string field, decimal value)
    {
        if (value <= 0)
        {
            Add(field, $"The {field} field must be greater than 0.");
        }
        else if (!Money.HasCents(value))
        {
            Add(field, $"The {field} field must have at most 2 decimal places.");
        }
        else if (value > 1_000_000_000m)
        {
            Add(field, $"The {field} field must be at most 1000000000.");
        }

        return this;
    }

    public ValidationErrors Positive(string field, long value, long max = int.MaxValue)
    {
        if (value <= 0)
        {
            Add(field, $"The {field} field must be greater than 0.");
        }
        else if (value > max)
        {
            Add(field, $"The {field} field must be at most {max}.");
        }

        return this;
    }

    public ValidationErrors OneOf(string field, string? value, params string[] allowed)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"The {field} field is required.");
        }
        else if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            Add(field, $"The {field} field must be one of: {string.Join(", ", allowed)}.");
        }

        return this;
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
