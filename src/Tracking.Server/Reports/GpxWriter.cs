using System.Globalization;
using System.Xml;
using Tracking.Core.Fixes;

namespace Tracking.Server.Reports;

/// <summary>
/// A track as GPX 1.1 (http://www.topografix.com/GPX/1/1): one <c>trk</c> per device, one <c>trkseg</c> per
/// stretch without a gap longer than the given one, each fix a <c>trkpt</c> with its time and, when known, elevation.
/// </summary>
internal static class GpxWriter
{
    private const string Namespace = "http://www.topografix.com/GPX/1/1";

    public static byte[] Write(string name, IEnumerable<(string Device, IReadOnlyList<Fix> Fixes)> tracks, TimeSpan maxGap)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("gpx", Namespace);
            xml.WriteAttributeString("version", "1.1");
            xml.WriteAttributeString("creator", "Tracking");
            xml.WriteStartElement("metadata", Namespace);
            xml.WriteElementString("name", Namespace, name);
            xml.WriteEndElement();
            foreach (var (device, fixes) in tracks)
            {
                xml.WriteStartElement("trk", Namespace);
                xml.WriteElementString("name", Namespace, device);
                xml.WriteStartElement("trkseg", Namespace);
                for (var i = 0; i < fixes.Count; i++)
                {
                    if (i > 0 && fixes[i].DeviceTime - fixes[i - 1].DeviceTime > maxGap)
                    {
                        xml.WriteEndElement();
                        xml.WriteStartElement("trkseg", Namespace);
                    }

                    var fix = fixes[i];
                    xml.WriteStartElement("trkpt", Namespace);
                    xml.WriteAttributeString("lat", fix.Latitude.ToString("R", CultureInfo.InvariantCulture));
                    xml.WriteAttributeString("lon", fix.Longitude.ToString("R", CultureInfo.InvariantCulture));
                    if (fix.Altitude is { } altitude)
                    {
                        xml.WriteElementString("ele", Namespace, altitude.ToString("R", CultureInfo.InvariantCulture));
                    }

                    xml.WriteElementString("time", Namespace, fix.DeviceTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return buffer.ToArray();
    }
}
