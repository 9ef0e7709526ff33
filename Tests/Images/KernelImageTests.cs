using LoongsonDbt.Runtime.Images;
using LoongsonDbt.Tests.Support;
using NUnit.Framework;

namespace LoongsonDbt.Tests.Images;

[TestFixture]
public sealed class KernelImageTests
{
    [Test]
    [Category("Guest")]
    public void WrapperAndRawImageOpenAlike()
    {
        var fromWrapper = KernelImage.Open(DebianGuest.KernelPath);
        var fromRaw = DebianKernel.Image;

        Assert.That(fromWrapper.Bytes.AsSpan().SequenceEqual(fromRaw.Bytes), Is.True);
        Assert.That(fromWrapper.LoadAddress, Is.EqualTo(fromRaw.LoadAddress));
        Assert.That(fromWrapper.Symbols.Count, Is.EqualTo(fromRaw.Symbols.Count));
    }

    [Test]
    [Category("Guest")]
    public void RawImageFileOpens()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, DebianKernel.Wrapper.Image);
            var image = KernelImage.Open(path);

            Assert.That(image.LoadAddress, Is.EqualTo(0xFFFFFFFF80200000));
            Assert.That(image.Bytes, Has.Length.EqualTo(DebianKernel.Wrapper.Image.Length));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void DataWithoutKallsymsIsRejected()
    {
        var error = Assert.Throws<InvalidGuestImageException>(() => KernelImage.Open(new byte[64 * 1024], "zeros.bin"));
        Assert.That(error.Message, Is.EqualTo("zeros.bin: no kallsyms token table in the kernel image"));
    }

    [Test]
    public void StrayDigitTokensAloneAreNotATable()
    {
        // The digit pattern the search starts from, without the tables around it.
        var image = new byte[4096];
        "0\u00001\u00002\u00003\u00004\u00005\u00006\u00007\u00008\u00009\u0000"u8.CopyTo(image.AsSpan(1024));

        Assert.Throws<InvalidGuestImageException>(() => Kallsyms.Find(image));
    }
}
