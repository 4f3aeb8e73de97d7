using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareTransitions.Intake;

/// <summary>
/// An intake request's JSON body, read up to <see cref="MaxBytes"/>: a message is a few kilobytes, so anything far
/// larger is refused with 413 before it is read whole, chunked or not, instead of a 500 from the server's own limit.
/// </summary>
internal static class IntakeBody
{
    /// <summary>1 MiB, documented in the integration guide.</summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>The parsed body, or the problem to answer (413 too large, 400 not JSON).</summary>
    public static async Task<(JsonElement Body, ProblemHttpResult? TooLarge, bool NotJson)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (default, TooLarge(), false);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(new LimitedStream(request.Body, MaxBytes), cancellationToken: cancellationToken);
            return (document.RootElement.Clone(), null, false);
        }
        catch (JsonException)
        {
            return (default, null, true);
        }
        catch (Exception e) when (e is BodyTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return (default, TooLarge(), false);
        }
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Message too large",
        detail: $"An intake message may be at most {MaxBytes / 1024} KiB; nothing was stored. Send the message without attachments.");

    private sealed class BodyTooLargeException : Exception;

    // Counts what is read, so a chunked body without Content-Length stops at the limit too.
    private sealed class LimitedStream(Stream inner, long max) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => this.read; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            this.read += n;
            return this.read > max ? throw new BodyTooLargeException() : n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            this.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
