using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GridSearch.Api.Hosting;

/// <summary>
/// Caps every request body at <see cref="RequestLimitsOptions.MaxRequestBodyBytes"/>: a declared length
/// beyond it is refused before reading; an undeclared (chunked) one is cut off where it passes the cap,
/// by Kestrel's own limit or, where the server has none (the in-process test server), a counting stream.
/// Either way the answer is a 413 ProblemDetails.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, IOptions<RequestLimitsOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var max = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > max)
        {
            await TooLargeAsync(context, max);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = max;
        }

        context.Request.Body = new CappedStream(context.Request.Body, max);
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await TooLargeAsync(context, max);
        }
    }

    private async Task TooLargeAsync(HttpContext context, long max)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request body is too large.",
                Detail = $"Bodies are limited to {max} bytes (GridSearch:Limits:MaxRequestBodyBytes).",
            },
        });
    }

    /// <summary>Throws Kestrel's 413 exception once more than the cap has been read.</summary>
    private sealed class CappedStream(Stream inner, long cap) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int bytes)
        {
            read += bytes;
            return read > cap ? throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge) : bytes;
        }
    }
}
