using System.Globalization;
using System.Text;

namespace SagaFunctions.FunctionApp;

/// <summary>
/// Azure Table key and table name rules. PartitionKey and RowKey may not contain <c>/ \ # ?</c> or control characters
/// (U+0000–U+001F, U+007F–U+009F) and are limited to 1 KiB; dead-letter ids (<c>{instanceId}:{stepName}</c>) come from
/// callers, so they are escaped reversibly: each forbidden character and the escape character <c>~</c> itself become
/// <c>~XX</c> (two upper-case hex digits). <c>~</c> is URL-safe, so escaped keys survive the service's URL addressing.
/// </summary>
public static class TableKeys
{
    private const char Escape = '~';
    private const int MaxKeyLength = 512; // 1 KiB of UTF-16

    /// <summary>Escapes <paramref name="value"/> into a valid PartitionKey/RowKey.</summary>
    public static string EscapeKey(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c == Escape || IsForbidden(c))
            {
                builder.Append(Escape).Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (builder.Length > MaxKeyLength)
        {
            throw new ArgumentException(
                $"'{value}' is too long for an Azure Table key ({builder.Length} characters escaped, at most {MaxKeyLength}).",
                nameof(value));
        }

        return builder.ToString();
    }

    /// <summary>Reverses <see cref="EscapeKey"/>.</summary>
    public static string UnescapeKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] != Escape)
            {
                builder.Append(key[i]);
                continue;
            }

            if (i + 2 >= key.Length
                || !int.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                throw new FormatException($"'{key}' is not an escaped table key: '{Escape}' at {i} is not followed by two hex digits.");
            }

            builder.Append((char)code);
            i += 2;
        }

        return builder.ToString();
    }

    /// <summary>Throws unless <paramref name="tableName"/> is a valid Azure Table name (3–63 letters or digits, starting with a letter).</summary>
    public static string ValidateTableName(string tableName, string settingName)
    {
        var valid = tableName.Length is >= 3 and <= 63
            && char.IsAsciiLetter(tableName[0])
            && tableName.All(char.IsAsciiLetterOrDigit);
        return valid
            ? tableName
            : throw new InvalidOperationException(
                $"App setting '{settingName}' is '{tableName}', which is not a valid Azure Table name (3-63 letters or digits, starting with a letter).");
    }

    private static bool IsForbidden(char c) =>
        c is '/' or '\\' or '#' or '?' || char.IsControl(c);
}
