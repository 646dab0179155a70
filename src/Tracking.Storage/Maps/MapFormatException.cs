namespace Tracking.Storage.Maps;

/// <summary>
/// A map file that cannot be read at all: not JSON, not XML, not a PBF, or not the kind of
/// document expected. The message names the file. Bad single features are problems, not this.
/// </summary>
public sealed class MapFormatException : Exception
{
    public MapFormatException()
    {
    }

    public MapFormatException(string message)
        : base(message)
    {
    }

    public MapFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
