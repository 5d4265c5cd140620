using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace ValueSegmentation.Data;

/// <summary>
/// Replaces customer ids by keyed pseudonyms: HMAC-SHA256 of the id's UTF-8 bytes under a key the user holds (an id
/// that is not valid UTF-16 is hashed as its UTF-16 code units after a 0xFF byte, so it never shares a pseudonym), the first
/// 128 bits written as 32 lowercase hexadecimal digits. The same id always gives the same pseudonym under the same key,
/// so files pseudonymised with one key still join on the customer; without the key a pseudonym cannot be traced back
/// to its id, nor can an id be tested against it.
/// </summary>
/// <remarks>
/// <para>Give it to a read (<see cref="DataReadOptions.Pseudonymizer"/>: the summaries, reports and rejects then carry
/// only pseudonyms) or to a writer (the files carry only pseudonyms). Keep the key out of the files and the logs;
/// whoever holds it can pseudonymise a known id and find its rows.</para>
/// <para>Immutable and thread-safe. The key is copied; <see cref="ToString"/> does not show it.</para>
/// </remarks>
public sealed class CustomerIdPseudonymizer
{
    /// <summary>The shortest key accepted: 16 bytes (128 bits), the strength of the pseudonyms.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>The length of every pseudonym: 32 hexadecimal digits (128 bits).</summary>
    public const int PseudonymLength = 32;

    private const int StackLimit = 256;

    private readonly byte[] _key;

    /// <summary>A pseudonymizer with the given key.</summary>
    /// <param name="key">The secret key, at least <see cref="MinimumKeyLength"/> bytes (for example 32 random bytes from
    /// <see cref="RandomNumberGenerator"/>, kept in a secret store).</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is shorter than <see cref="MinimumKeyLength"/> bytes.</exception>
    public CustomerIdPseudonymizer(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"The key has {key.Length} bytes; a pseudonymisation key needs at least {MinimumKeyLength} (128 bits).", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>A pseudonymizer whose key is given in Base64 (as a secret store or a configuration file keeps it).</summary>
    /// <param name="base64Key">The key in Base64, at least <see cref="MinimumKeyLength"/> bytes once decoded.</param>
    /// <returns>The pseudonymizer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="base64Key"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="base64Key"/> is not Base64, or the key is too short.</exception>
    public static CustomerIdPseudonymizer FromBase64(string base64Key)
    {
        ArgumentNullException.ThrowIfNull(base64Key);
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64Key);
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The pseudonymisation key is not valid Base64.", nameof(base64Key), e);
        }

        return new CustomerIdPseudonymizer(key);
    }

    /// <summary>The pseudonym of a customer id.</summary>
    /// <param name="customerId">The id as read (compared exactly: case and spaces count).</param>
    /// <returns>32 lowercase hexadecimal digits.</returns>
    public string Pseudonymize(ReadOnlySpan<char> customerId)
    {
        int length = Encoding.UTF8.GetMaxByteCount(customerId.Length);
        byte[]? rented = length > StackLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> utf8 = rented ?? stackalloc byte[StackLimit];
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            if (Utf8.FromUtf16(customerId, utf8, out _, out int written, replaceInvalidSequences: false) == OperationStatus.Done)
            {
                HMACSHA256.HashData(_key, utf8[..written], mac);
            }
            else
            {
                // Not valid UTF-16 (a lone surrogate): its UTF-16 code units after a byte no UTF-8 text holds, so that two
                // such ids are never given one pseudonym, nor the pseudonym of a valid id.
                var units = System.Runtime.InteropServices.MemoryMarshal.AsBytes(customerId);
                var marked = new byte[units.Length + 1];
                marked[0] = 0xFF;
                units.CopyTo(marked.AsSpan(1));
                HMACSHA256.HashData(_key, marked, mac);
            }

            return Convert.ToHexStringLower(mac[..(PseudonymLength / 2)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Names the algorithm, never the key.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => "HMAC-SHA256 customer-id pseudonymizer (128-bit pseudonyms)";
}
