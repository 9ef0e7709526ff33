namespace LoongsonDbt.Cli.Guests;

/// <summary>The guest files could not be had: the archive is unreachable and nothing is cached.</summary>
public sealed class GuestUnavailableException(string message) : Exception(message);
