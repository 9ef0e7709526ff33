using LoongsonDbt.Runtime.Images;
using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.Images;

/// <summary>The Debian kernel, decompressed and decoded once for all image tests (it takes a second or two).</summary>
internal static class DebianKernel
{
    private static readonly Lazy<CompressedKernel> s_wrapper = new(() => CompressedKernel.Load(DebianGuest.KernelPath));
    private static readonly Lazy<KernelImage> s_image = new(() => KernelImage.Open(Wrapper.Image, "decompressed kernel"));

    public static CompressedKernel Wrapper => s_wrapper.Value;

    public static KernelImage Image => s_image.Value;
}
