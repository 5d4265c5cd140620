namespace ValueSegmentation.TestUtilities;

/// <summary>Where things are in the repository, found from the test's output folder.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class RepositoryLayout
{
    /// <summary>The file that marks the repository's root folder.</summary>
    public const string SolutionFileName = "ValueSegmentation.sln";

    /// <summary>
    /// The repository's root: the nearest folder above <see cref="AppContext.BaseDirectory"/> (the test's output folder)
    /// that contains <see cref="SolutionFileName"/>.
    /// </summary>
    /// <returns>The full path of the root folder.</returns>
    /// <exception cref="DirectoryNotFoundException">No folder above the test's output folder contains the solution.</exception>
    public static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFileName)))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No folder above the test output folder {AppContext.BaseDirectory} contains {SolutionFileName}.");
    }

    /// <summary>The path of <paramref name="path"/> relative to the repository's root, with forward slashes, for messages.</summary>
    /// <param name="root">The repository's root (<see cref="FindRoot"/>).</param>
    /// <param name="path">A path under the root.</param>
    /// <returns>The relative path, for example <c>src/ValueSegmentation/Transaction.cs</c>.</returns>
    public static string Relative(string root, string path) =>
        Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
}
