using System.Text;

namespace ValueSegmentation.Cli;

/// <summary>Creates the files the commands write (UTF-8 without a byte order mark, "\n" line ends).</summary>
internal static class OutputFiles
{
    /// <summary>Creates (or replaces) a text file, creating its folder.</summary>
    /// <exception cref="InputException">The file cannot be created.</exception>
    public static StreamWriter CreateText(string path)
    {
        try
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            return new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        }
        catch (Exception denied) when (denied is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"Cannot write '{path}': {denied.Message}");
        }
    }
}
