using System.Buffers.Binary;
using System.Text;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.UserMode;

namespace LoongsonDbt.Tests.UserMode.Unit;

[TestFixture]
public sealed class InitialStackTests
{
    [Test]
    public void ArgumentsEnvironmentAndAuxvReadBack()
    {
        using var memory = new AddressSpace();
        var program = new LoadedProgram(0x1_2000_0130, 0, 0x1_2000_0040, 5, 56, 0x1_2001_3000);
        string[] arguments = ["prog", "-x", "ünïcode"];
        string[] environment = ["A=1", "PATH=/bin"];

        ulong sp = InitialStack.Build(memory, program, arguments, environment, "/tmp/prog");

        Assert.That(sp % 16, Is.Zero);
        Assert.That(sp, Is.LessThan(InitialStack.StackTop).And.GreaterThan(InitialStack.StackTop - InitialStack.StackSize));
        ulong cursor = sp;
        ulong Next()
        {
            ulong value = ReadUInt64(memory, cursor);
            cursor += 8;
            return value;
        }

        Assert.That(Next(), Is.EqualTo(3UL));
        Assert.That(Enumerable.Range(0, 3).Select(_ => ReadString(memory, Next())), Is.EqualTo(arguments));
        Assert.That(Next(), Is.Zero);
        Assert.That(Enumerable.Range(0, 2).Select(_ => ReadString(memory, Next())), Is.EqualTo(environment));
        Assert.That(Next(), Is.Zero);

        var auxv = new Dictionary<ulong, ulong>();
        for (ulong type = Next(); ; type = Next())
        {
            ulong value = Next();
            if (type == InitialStack.AtNull)
            {
                break;
            }

            auxv[type] = value;
        }

        Assert.That(auxv[InitialStack.AtPhdr], Is.EqualTo(0x1_2000_0040UL));
        Assert.That(auxv[InitialStack.AtPhnum], Is.EqualTo(5UL));
        Assert.That(auxv[InitialStack.AtPhent], Is.EqualTo(56UL));
        Assert.That(auxv[InitialStack.AtEntry], Is.EqualTo(0x1_2000_0130UL));
        Assert.That(auxv[InitialStack.AtPagesz], Is.EqualTo(4096UL));
        Assert.That(auxv[InitialStack.AtBase], Is.Zero);
        Assert.That(auxv[InitialStack.AtSecure], Is.Zero);
        Assert.That(auxv[InitialStack.AtHwcap], Is.EqualTo(0x1800UL));
        Assert.That(ReadString(memory, auxv[InitialStack.AtPlatform]), Is.EqualTo("loongson3a"));
        Assert.That(ReadString(memory, auxv[InitialStack.AtExecfn]), Is.EqualTo("/tmp/prog"));

        byte[] random = new byte[16];
        Assert.That(memory.TryRead(auxv[InitialStack.AtRandom], random), Is.True);
        Assert.That(random, Is.Not.All.Zero);
        Assert.That(auxv[InitialStack.AtRandom], Is.GreaterThanOrEqualTo(cursor), "above the tables");
    }

    private static ulong ReadUInt64(AddressSpace memory, ulong address)
    {
        byte[] bytes = new byte[8];
        Assert.That(memory.TryRead(address, bytes), Is.True);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    private static string ReadString(AddressSpace memory, ulong address)
    {
        var bytes = new List<byte>();
        byte[] one = new byte[1];
        while (memory.TryRead(address++, one) && one[0] != 0)
        {
            bytes.Add(one[0]);
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
