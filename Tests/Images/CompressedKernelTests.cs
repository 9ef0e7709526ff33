using LoongsonDbt.Runtime.Images;
using LoongsonDbt.Tests.Support;
using NUnit.Framework;

namespace LoongsonDbt.Tests.Images;

[TestFixture]
public sealed class CompressedKernelTests
{
    // ISA.md §1.1, measured on linux-image-6.1.0-50-loongson-3 6.1.176-1.
    private const int RawImageSize = 19_425_616;
    private const long PayloadFileOffset = 0x12D90;

    [Test]
    [Category("Guest")]
    public void PayloadIsTheXzStreamAtTheStartOfData()
    {
        Assert.That(DebianKernel.Wrapper.PayloadFileOffset, Is.EqualTo(PayloadFileOffset));
    }

    [Test]
    [Category("Guest")]
    public void DecompressedImageEqualsWhatXzProduces()
    {
        HostPackages.Ensure("xz-utils", "xz");
        var payload = Path.GetTempFileName();
        try
        {
            var wrapper = File.ReadAllBytes(DebianGuest.KernelPath);
            File.WriteAllBytes(payload, wrapper[(int)DebianKernel.Wrapper.PayloadFileOffset..]);
            string[] arguments = ["-dc", "--single-stream", payload];
            var xz = HostProcess.Run("xz", arguments);
            Assert.That(xz.ExitCode, Is.Zero, () => HostProcess.Describe("xz", arguments, xz));

            var image = DebianKernel.Wrapper.Image;
            Assert.That(image, Has.Length.EqualTo(RawImageSize));
            Assert.That(xz.Output, Has.Length.EqualTo(RawImageSize));
            Assert.That(image.AsSpan().SequenceEqual(xz.Output), Is.True,
                () => $"first difference at 0x{image.AsSpan().CommonPrefixLength(xz.Output):x}");
        }
        finally
        {
            File.Delete(payload);
        }
    }

    [Test]
    [Category("Guest")]
    public void TruncatedWrapperFileIsRejected()
    {
        var wrapper = File.ReadAllBytes(DebianGuest.KernelPath);
        var truncated = wrapper[..(wrapper.Length / 2)];

        var error = Assert.Throws<InvalidGuestImageException>(() => CompressedKernel.Load(truncated, "half-vmlinuz"));
        Assert.That(error.Message, Does.StartWith("half-vmlinuz: "));
    }

    [Test]
    [Category("Guest")]
    public void DamagedXzStreamIsRejected()
    {
        // The ELF stays intact; 64 KiB inside the stream are lost, as in a bad copy of the payload.
        var wrapper = File.ReadAllBytes(DebianGuest.KernelPath);
        wrapper.AsSpan((int)DebianKernel.Wrapper.PayloadFileOffset + (64 * 1024), 64 * 1024).Clear();

        var error = Assert.Throws<InvalidGuestImageException>(() => CompressedKernel.Load(wrapper, "damaged-vmlinuz"));
        Assert.That(error.Message, Does.StartWith("damaged-vmlinuz: the XZ stream in .data does not decode"));
    }

    [Test]
    public void NonElfFileIsRejected()
    {
        var text = "#!/bin/sh\necho not a kernel\n"u8.ToArray();

        var error = Assert.Throws<InvalidGuestImageException>(() => CompressedKernel.Load(text, "script.sh"));
        Assert.That(error.Message, Is.EqualTo("script.sh: not an ELF file"));
    }

    [Test]
    public void EmptyFileIsRejected()
    {
        Assert.Throws<InvalidGuestImageException>(() => CompressedKernel.Load([], "empty"));
    }

    [Test]
    public void HostElfIsRejectedAsNotMips()
    {
        var error = Assert.Throws<InvalidGuestImageException>(() => CompressedKernel.Load("/bin/ls"));
        Assert.That(error.Message, Does.StartWith("/bin/ls: not a little-endian MIPS kernel"));
    }

    [Test]
    [Category("Guest")]
    public void MipsProgramWithoutPayloadIsRejected()
    {
        var error = Assert.Throws<InvalidGuestImageException>(() => CompressedKernel.Load(DebianGuest.BusyboxPath));
        Assert.That(error.Message, Does.EndWith("no XZ stream in .data"));
    }
}
