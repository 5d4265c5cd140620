namespace ValueSegmentation.Data;

/// <summary>How far a read has come: reported every 65,536 rows and once at the end.</summary>
/// <param name="Rows">Rows read so far (used and rejected).</param>
/// <param name="Bytes">Bytes of the file read so far (of the compressed file, for a gzip file), or 0 when the source
/// is not a file (a database reader).</param>
/// <param name="TotalBytes">The file's length in bytes, or 0 when unknown; with <paramref name="Bytes"/>, the share done.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly record struct ReadProgress(long Rows, long Bytes, long TotalBytes);
