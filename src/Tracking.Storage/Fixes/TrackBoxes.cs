namespace Tracking.Storage.Fixes;

/// <summary>
/// The coarse index of where devices were (migration 0005, <c>track_boxes</c>): per device and
/// ten-minute bucket, the box of its fixes in that bucket and the one before, so every track
/// segment of at most <see cref="Bucket"/> lies inside the box of the bucket it ends in.
/// </summary>
public static class TrackBoxes
{
    /// <summary>The bucket length: also the longest segment (MaxGap) the boxes cover.</summary>
    public static readonly TimeSpan Bucket = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Grows the boxes by the batch in <c>fix_staging</c>, in the writer's transaction. Rows that
    /// turned out to be duplicates widen nothing: they repeat positions already counted.
    /// </summary>
    internal const string UpsertFromStagingSql =
        """
        INSERT INTO track_boxes AS b (device_id, bucket, min_lon, min_lat, max_lon, max_lat)
        SELECT device_id, bucket, min(lon), min(lat), max(lon), max(lat)
        FROM (
            SELECT device_id, track_bucket(device_time) AS bucket, lon, lat FROM fix_staging
            UNION ALL
            SELECT device_id, track_bucket(device_time) + interval '10 minutes', lon, lat FROM fix_staging
        ) AS spread
        GROUP BY device_id, bucket
        ON CONFLICT (device_id, bucket) DO UPDATE SET
            min_lon = LEAST(b.min_lon, EXCLUDED.min_lon), min_lat = LEAST(b.min_lat, EXCLUDED.min_lat),
            max_lon = GREATEST(b.max_lon, EXCLUDED.max_lon), max_lat = GREATEST(b.max_lat, EXCLUDED.max_lat)
        WHERE EXCLUDED.min_lon < b.min_lon OR EXCLUDED.min_lat < b.min_lat
           OR EXCLUDED.max_lon > b.max_lon OR EXCLUDED.max_lat > b.max_lat
        """;
}
