using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>The service's data folder, its files and its backend's socket belong to the service's user alone.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OwnerOnlyFilesTests
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    public async Task Data_files_are_0600_in_a_0700_folder_and_the_backend_socket_is_the_users_only()
    {
        await using var mail = await Maildev.StartAsync();
        var port = FreePort.Next();
        var baseUrl = $"http://127.0.0.1:{port}";
        var directory = Path.Combine(System.IO.Directory.CreateTempSubdirectory("ct-modes-").FullName, "data");
        var client = ServiceHost.Remote(baseUrl, directory);

        await using (var service = await ServiceProcess.StartAsync(baseUrl, ServiceHost.Arguments(port, directory, mail.SmtpPort)))
        {
            var id = await client.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode()));
            await mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 1);
            var sockets = System.IO.Directory.GetFiles(Path.GetTempPath(), $"durable-{service.ProcessId}-*.sock");

            Assert.NotEmpty(sockets);
            Assert.All(sockets, s => Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(s) & GroupOrOthers));
        }

        var files = System.IO.Directory.GetFileSystemEntries(directory, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        Assert.All(files, f => Assert.True((File.GetUnixFileMode(f) & GroupOrOthers) == 0, $"{f} is {File.GetUnixFileMode(f)}"));
        await client.DisposeAsync();
    }
}
