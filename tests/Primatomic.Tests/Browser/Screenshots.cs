using Primatomic.Testing;

namespace Primatomic.Tests.Browser;

/// <summary>
/// Where browser tests keep their screenshots: <c>artifacts/test-output/screenshots/&lt;test&gt;/</c> in the repository
/// (git-ignored, kept by CI as test output), one numbered PNG per step so the folder reads as the test's story.
/// </summary>
public static class Screenshots
{
    public static string Root => RepoPaths.Combine("artifacts", "test-output", "screenshots");

    /// <summary>The test's own folder, emptied so it holds only this run's steps.</summary>
    public static string FolderFor(string testName)
    {
        var folder = Path.Combine(Root, testName);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Directory.CreateDirectory(folder).FullName;
    }
}
