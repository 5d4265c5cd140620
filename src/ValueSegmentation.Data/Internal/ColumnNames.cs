namespace ValueSegmentation.Data.Internal;

/// <summary>How header names are compared: case-insensitively, ignoring spaces, underscores, dots and hyphens, so that
/// "Customer ID", "customer_id" and "customer.id" are one name.</summary>
internal static class ColumnNames
{
    public static string Normalize(string name)
    {
        Span<char> buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        int length = 0;
        foreach (char c in name.AsSpan().Trim())
        {
            if (c is not (' ' or '_' or '.' or '-'))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }

    public static bool Same(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);
}
