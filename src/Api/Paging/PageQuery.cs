using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Playbound.Api.Validation;
using GrainPaging = Playbound.Grains.Paging;

namespace Playbound.Api.Paging;

/// <summary>
/// The <c>?limit=</c> and <c>?cursor=</c> of a list request. Both are bound as text and checked here, so a bad value
/// is a 400 that names its field rather than a generic binding failure.
/// </summary>
/// <param name="Limit">The page size, 1 to <see cref="GrainPaging.MaxLimit"/>; <see cref="GrainPaging.DefaultLimit"/> when absent.</param>
/// <param name="Cursor">The previous page's <c>nextCursor</c>, or absent for the first page.</param>
public sealed record PageQuery([FromQuery(Name = "limit")] string? Limit, [FromQuery(Name = "cursor")] string? Cursor)
{
    /// <summary>Reads the page size and the raw grain position of list (<paramref name="kind"/>, <paramref name="scope"/>).</summary>
    public bool TryRead(CursorProtector cursors, ListKind kind, string scope, out PageArgs page, [NotNullWhen(false)] out ValidationProblem? problem)
    {
        var errors = new ValidationErrors();
        var limit = ReadLimit(errors);
        string? raw = null;
        if (Cursor is not null && !cursors.TryUnprotect(kind, scope, Cursor, out raw))
        {
            errors.Add("cursor", "The cursor was not issued for this list.");
        }

        page = new PageArgs(limit, raw);
        problem = errors.HasErrors ? errors.ToProblem() : null;
        return problem is null;
    }

    /// <summary>Reads only the page size, for lists that are not paged (any cursor is one the server never issued).</summary>
    public bool TryReadLimit(out int limit, [NotNullWhen(false)] out ValidationProblem? problem)
    {
        var errors = new ValidationErrors();
        limit = ReadLimit(errors);
        if (Cursor is not null)
        {
            errors.Add("cursor", "This list has a single page; no cursor was issued for it.");
        }

        problem = errors.HasErrors ? errors.ToProblem() : null;
        return problem is null;
    }

    private int ReadLimit(ValidationErrors errors)
    {
        if (Limit is null)
        {
            return GrainPaging.DefaultLimit;
        }

        if (!int.TryParse(Limit, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > GrainPaging.MaxLimit)
        {
            errors.Add("limit", $"Must be a whole number from 1 to {GrainPaging.MaxLimit}.");
            return GrainPaging.DefaultLimit;
        }

        return limit;
    }
}

/// <summary>A checked page request as the grains take it.</summary>
/// <param name="Limit">The page size.</param>
/// <param name="Cursor">The raw grain position, or null for the first page.</param>
public readonly record struct PageArgs(int Limit, string? Cursor);
