namespace LoongsonDbt.Tests.UserMode;

/// <summary>The execution engines of <c>loongson-dbt run --engine</c>.</summary>
public enum DbtEngine
{
    /// <summary>Never compiles.</summary>
    Interpreter,

    /// <summary>Compiles every block before running it.</summary>
    Compiled,

    /// <summary>Interprets first, compiles hot blocks (the default).</summary>
    Tiered,
}
