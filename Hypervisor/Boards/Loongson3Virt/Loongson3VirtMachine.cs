using LoongsonDbt.Devices.Bus;
using LoongsonDbt.Devices.Interrupts;
using LoongsonDbt.Devices.Pci;
using LoongsonDbt.Devices.Power;
using LoongsonDbt.Devices.Rtc;
using LoongsonDbt.Devices.Serial;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Interrupts;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Translator.Execution;
using static LoongsonDbt.Hypervisor.Boards.Loongson3Virt.Loongson3VirtMemoryMap;

namespace LoongsonDbt.Hypervisor.Boards.Loongson3Virt;

/// <summary>
/// QEMU's <c>loongson3-virt</c> with one Loongson-3A1000 core (PLATFORM.md §1–2, §6): RAM with its low
/// alias, the boot ROM, the read-as-zero backgrounds, the UART, LIOINTC, RTC, power register and the
/// PCI ECAM host with its windows, wired as QEMU wires them; a direct kernel boot loaded into it.
/// </summary>
public sealed unsafe class Loongson3VirtMachine : IDisposable
{
    /// <summary>The CPU line LIOINTC's INT0 of core 0 drives (INTn drives IP(2+n)).</summary>
    private const int FirstLiointcCpuLine = 2;

    private readonly PhysicalBus _bus;
    private readonly SystemCpu _cpu;
    private readonly GoldfishRtc _rtc;
    private readonly ExecutionEngine _engine;

    public Loongson3VirtMachine(BootSetup setup, ulong memoryBytes, Action<byte> consoleOutput, EngineOptions engineOptions)
    {
        _bus = new PhysicalBus(memoryBytes, BootRomSize);
        _cpu = new SystemCpu(_bus, cpuNumber: 0);

        // Core 0's four LIOINTC outputs are its IP2..IP5; cores 1..3 do not exist with one CPU.
        var liointcOutputs = new InterruptLine[Liointc.OutputCount];
        for (int n = 0; n < 4; n++)
        {
            liointcOutputs[n] = new InterruptLine(_cpu, FirstLiointcCpuLine + n);
        }

        Liointc = new Liointc(liointcOutputs);
        Uart = new Uart16550(new InterruptLine(Liointc, 0), consoleOutput);
        _rtc = new GoldfishRtc(new InterruptLine(Liointc, 1));
        var ecam = new PciEcam();
        ecam.Attach(0, 0, 0, PciHostBridge.Create());

        _bus.MapDevice(Fallback0Base, Fallback0Size, new ConstantDevice(0x00));
        _bus.MapDevice(Fallback1Base, Fallback1Size, new ConstantDevice(0x00));
        _bus.MapRam(LowRamAliasBase, LowRamAliasSize, 0);
        _bus.MapRam(RamBase, memoryBytes, 0);
        _bus.MapRom(BootRomBase);
        _bus.MapDevice(PowerManagementBase, PowerManagementSize, new PowerManagement(OnPowerRequest));
        _bus.MapDevice(RtcBase, RtcSize, _rtc);
        _bus.MapDevice(PciIoBase, PciIoSize, new ConstantDevice(0xFF));
        _bus.MapDevice(PciEcamBase, PciEcamSize, ecam);
        _bus.MapDevice(PciMemoryBase, PciMemorySize, new ConstantDevice(0xFF));
        _bus.MapDevice(UartBase, UartSize, Uart);
        _bus.MapDevice(LiointcBase, LiointcSize, Liointc);

        foreach (MemoryImage image in setup.RamImages)
        {
            _bus.Load(image.PhysicalAddress, image.Bytes.Span);
        }

        _bus.Load(BootRomBase, setup.BootRom);

        _cpu.Cp0.ResetForDirectBoot();
        CpuState* state = _cpu.State;
        state->Pc = setup.EntryPc;
        for (int i = 0; i < setup.EntryArguments.Count; i++)
        {
            _cpu[4 + i] = setup.EntryArguments[i];
        }

        _engine = new ExecutionEngine(_cpu.Mmu, engineOptions with { FullSystem = true });
        Vcpu = new Vcpu(_cpu, _engine);
    }

    /// <summary>The console UART; the host terminal feeds it with <see cref="Uart16550.Receive"/>.</summary>
    public Uart16550 Uart { get; }

    public Liointc Liointc { get; }

    public Vcpu Vcpu { get; }

    public ExecutionEngine Engine => _engine;

    public SystemCpu Cpu => _cpu;

    /// <summary>Runs the guest until it powers off or resets, or the host stops it.</summary>
    public VcpuExit Run() => Vcpu.Run();

    /// <summary>Stops the guest from any thread (the console escape, a host signal).</summary>
    public void Stop() => Vcpu.Stop(VcpuExit.HostStop);

    public void Dispose()
    {
        _engine.Dispose();
        _rtc.Dispose();
        _cpu.Dispose();
        _bus.Dispose();
    }

    private void OnPowerRequest(PowerRequest request) =>
        Vcpu.Stop(request == PowerRequest.PowerOff ? VcpuExit.PowerOff : VcpuExit.Reset);
}
