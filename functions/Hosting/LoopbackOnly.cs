using System.Net;

namespace Primatomic.Functions.Hosting;

/// <summary>Marks an endpoint that is not a function: the Functions host never routes outside callers to it.</summary>
public sealed record NotAFunction;

public static class LoopbackOnlyExtensions
{
    /// <summary>
    /// An operator's endpoint on this machine only: not a function (so never reachable through the Functions host),
    /// and 404 for any caller that is not on loopback.
    /// </summary>
    public static RouteHandlerBuilder LoopbackOnly(this RouteHandlerBuilder builder) => builder
        .WithMetadata(new NotAFunction())
        .ExcludeFromDescription()
        .AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)
                ? await next(context)
                : throw ApiException.NotFound("No such route."));
}
