namespace Primatomic.Functions.Views;

/// <summary>A component was rejected before deployment; the message says why and is safe to show the tenant.</summary>
public sealed class InvalidViewException(string message) : Exception(message);
