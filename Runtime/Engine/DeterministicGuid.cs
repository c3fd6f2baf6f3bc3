using System.Security.Cryptography;
using System.Text;

namespace SagaFunctions.Runtime.Engine;

/// <summary>Name-based UUID version 5 (RFC 9562), as Durable Task's <c>NewGuid</c>: same name, same GUID.</summary>
internal static class DeterministicGuid
{
    /// <summary>The URL namespace of RFC 9562.</summary>
    public static readonly Guid UrlNamespace = new("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    public static Guid Create(Guid namespaceId, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(buffer, bigEndian: true, out _);
        nameBytes.CopyTo(buffer, 16);
#pragma warning disable CA5350 // SHA-1 is what UUID v5 is defined with; this is an identifier, not security
        var hash = SHA1.HashData(buffer);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
