using System.Text;

namespace Tracking.Storage.Tests.Maps;

/// <summary>Test files written inline, as streams.</summary>
internal static class MapText
{
    public static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
