using System.Globalization;

namespace SagaFunctions.Kernel.Declarations;

/// <summary>Field checks shared by the saga requests; each adds a <see cref="FieldError"/> naming the camelCase field.</summary>
public static class RequestChecks
{
    /// <summary>Longest id (order id, account id, sku, ...).</summary>
    public const int MaxIdLength = 100;

    /// <summary>Longest free text (claim description).</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Largest amount of money a saga accepts.</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    public static void RequireId(this List<FieldError> errors, string? value, string field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, $"'{field}' is required."));
        }
        else if (value.Length > MaxIdLength)
        {
            errors.Add(new FieldError(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' must be at most {MaxIdLength} characters.")));
        }
        else if (HasControlCharacter(value, allowLineBreaks: false))
        {
            errors.Add(new FieldError(field, $"'{field}' must not contain control characters (line breaks, tabs, NUL, escape, ...)."));
        }
    }

    /// <summary>
    /// Whether <paramref name="value"/> holds a control character (Unicode category Cc: NUL, escape, DEL, ...) or an
    /// unpaired surrogate; with <paramref name="allowLineBreaks"/>, tab, line feed and carriage return are allowed (free text).
    /// </summary>
    public static bool HasControlCharacter(string value, bool allowLineBreaks)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || (char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\n' or '\r')))
            {
                return true;
            }
        }

        return false;
    }

    /// <param name="allowLineBreaks">Whether tab, line feed and carriage return are allowed (free text); other control characters never are.</param>
    public static void RequireText(this List<FieldError> errors, string? value, string field, int maxLength = MaxTextLength, bool allowLineBreaks = true)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, $"'{field}' is required."));
        }
        else if (value.Length > maxLength)
        {
            errors.Add(new FieldError(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' must be at most {maxLength} characters.")));
        }
        else if (HasControlCharacter(value, allowLineBreaks))
        {
            errors.Add(new FieldError(field, allowLineBreaks
                ? $"'{field}' must not contain control characters other than tab and line breaks."
                : $"'{field}' must not contain control characters (line breaks, tabs, NUL, escape, ...)."));
        }
    }

    public static void RequireAmount(this List<FieldError> errors, decimal value, string field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value <= 0)
        {
            errors.Add(new FieldError(field, $"'{field}' must be greater than zero."));
        }
        else if (value > MaxAmount)
        {
            errors.Add(new FieldError(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' must be at most {MaxAmount}.")));
        }
        else if (decimal.Round(value, 2) != value)
        {
            errors.Add(new FieldError(field, $"'{field}' must have at most two decimal places."));
        }
    }

    public static void RequireRange(this List<FieldError> errors, long value, string field, long min, long max)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value < min || value > max)
        {
            errors.Add(new FieldError(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' must be between {min} and {max}.")));
        }
    }

    /// <summary>A non-empty list of at most <paramref name="maxCount"/> entries; true when the entries can be checked one by one.</summary>
    public static bool RequireList<T>(this List<FieldError> errors, IReadOnlyList<T>? list, string field, int maxCount)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (list is null || list.Count == 0)
        {
            errors.Add(new FieldError(field, $"'{field}' must contain at least one entry."));
            return false;
        }

        if (list.Count > maxCount)
        {
            errors.Add(new FieldError(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' must contain at most {maxCount} entries.")));
            return false;
        }

        return true;
    }

    /// <summary><c>items[2].sku</c>.</summary>
    public static string Indexed(string field, int index, string? member = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{field}[{index}]") + (member is null ? string.Empty : "." + member);
}
