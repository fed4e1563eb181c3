using System.Runtime.InteropServices;

namespace Vfip.Infrastructure.Blobs;

/// <summary>
/// Flushes a folder's entries to disk. Flushing a file's bytes does not make its name durable: after
/// <c>rename</c>, the folder itself must be fsynced, or a power cut can leave the blob's bytes on disk and its
/// name nowhere (ext4 and XFS both say so).
/// </summary>
internal static class BlobFolder
{
    /// <summary>
    /// On Linux, opens <paramref name="path"/> and fsyncs it; an error other than "this file system cannot sync
    /// folders" is an <see cref="IOException"/>. Elsewhere a no-op: Windows cannot open a folder for flushing and
    /// NTFS journals the rename itself; on macOS <c>fsync</c> does not reach the disk anyway (that needs
    /// <c>F_FULLFSYNC</c>), and the service is not run there.
    /// </summary>
    public static void Sync(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = NativeMethods.Open(path, NativeMethods.ReadOnly | NativeMethods.CloseOnExec);
        if (descriptor < 0)
        {
            throw new IOException($"Could not open the folder '{path}' to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (NativeMethods.Fsync(descriptor) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != NativeMethods.InvalidArgument)
            {
                throw new IOException($"Could not flush the folder '{path}' (errno {errno}).");
            }
        }
        finally
        {
            _ = NativeMethods.Close(descriptor);
        }
    }

    private static class NativeMethods
    {
        public const int ReadOnly = 0;          // O_RDONLY
        public const int CloseOnExec = 0x80000; // O_CLOEXEC (x86-64 and arm64): anvil is a child process
        public const int InvalidArgument = 22;  // EINVAL: the file system does not support syncing this

        // DllImport rather than LibraryImport: the latter's generated code needs AllowUnsafeBlocks.
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static extern int Fsync(int descriptor);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        public static extern int Close(int descriptor);
    }
}
