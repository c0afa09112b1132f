namespace RunTasks.Grains.History;

/// <summary>A page of a list: up to <see cref="Limit"/> items after <see cref="Cursor"/> (null: the first page).</summary>
public sealed record PageRequest(string? Cursor = null, int Limit = PageRequest.DefaultLimit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>The limit actually used: at least 1, at most <see cref="MaxLimit"/>.</summary>
    public int EffectiveLimit => Math.Clamp(Limit, 1, MaxLimit);
}
