using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Tests.Decoding;

/// <summary>
/// Shifts and rotates by an immediate and by a register, 32- and 64-bit, including the sll forms
/// objdump names nop, ssnop, ehb and pause, and the rotates in the SPECIAL shift functs with bit 21
/// (or bit 6) set.
/// </summary>
[TestFixture]
public class DecodeShiftTests
{
    [TestCase(0x00031100u, InstructionName.Sll, "sll\tv0,v1,0x4")]
    [TestCase(0x00000000u, InstructionName.Sll, "nop")]
    [TestCase(0x00000040u, InstructionName.Sll, "ssnop")]
    [TestCase(0x000000c0u, InstructionName.Sll, "ehb")]
    [TestCase(0x00000140u, InstructionName.Sll, "pause")]
    [TestCase(0x000317c2u, InstructionName.Srl, "srl\tv0,v1,0x1f")]
    [TestCase(0x00231202u, InstructionName.Rotr, "ror\tv0,v1,0x8")]
    [TestCase(0x00031043u, InstructionName.Sra, "sra\tv0,v1,0x1")]
    [TestCase(0x00831004u, InstructionName.Sllv, "sllv\tv0,v1,a0")]
    [TestCase(0x00831006u, InstructionName.Srlv, "srlv\tv0,v1,a0")]
    [TestCase(0x00831046u, InstructionName.Rotrv, "rorv\tv0,v1,a0")]
    [TestCase(0x00831007u, InstructionName.Srav, "srav\tv0,v1,a0")]
    [TestCase(0x00831014u, InstructionName.Dsllv, "dsllv\tv0,v1,a0")]
    [TestCase(0x00831016u, InstructionName.Dsrlv, "dsrlv\tv0,v1,a0")]
    [TestCase(0x00831056u, InstructionName.Drotrv, "drorv\tv0,v1,a0")]
    [TestCase(0x00831017u, InstructionName.Dsrav, "dsrav\tv0,v1,a0")]
    [TestCase(0x00031338u, InstructionName.Dsll, "dsll\tv0,v1,0xc")]
    [TestCase(0x0003107au, InstructionName.Dsrl, "dsrl\tv0,v1,0x1")]
    [TestCase(0x0023137au, InstructionName.Drotr, "dror\tv0,v1,0xd")]
    [TestCase(0x000311fbu, InstructionName.Dsra, "dsra\tv0,v1,0x7")]
    [TestCase(0x0003103cu, InstructionName.Dsll32, "dsll32\tv0,v1,0x0")]
    [TestCase(0x0003143eu, InstructionName.Dsrl32, "dsrl32\tv0,v1,0x10")]
    [TestCase(0x0023113eu, InstructionName.Drotr32, "dror32\tv0,v1,0x4")]
    [TestCase(0x000317ffu, InstructionName.Dsra32, "dsra32\tv0,v1,0x1f")]
    public void Decodes(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.Shift, text);

    [TestCase(0x00031100u, 0, 3, 2, 4, Description = "sll v0,v1,0x4")]
    [TestCase(0x00231202u, 1, 3, 2, 8, Description = "ror v0,v1,0x8")]
    [TestCase(0x00831056u, 4, 3, 2, 1, Description = "drorv v0,v1,a0")]
    [TestCase(0x000317ffu, 0, 3, 2, 31, Description = "dsra32 v0,v1,0x1f")]
    public void Fields(uint word, int rs, int rt, int rd, int sa) =>
        DecodingAssert.HasFields(word, rs, rt, rd, sa);
}
