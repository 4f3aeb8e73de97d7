using System.Net.Sockets;
using System.Text.RegularExpressions;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Platform.Mail;

/// <summary>Turns what MailKit and the network throw into a reason an operator can act on.</summary>
public static partial class SmtpFailureReason
{
    /// <summary>The reason <paramref name="failure"/> gives, naming <paramref name="server"/>'s address and never a person.</summary>
    public static string Describe(Exception failure, SmtpServer server)
    {
        var at = server.Address;
        return failure switch
        {
            SmtpCommandException command => $"SMTP {(int)command.StatusCode} {Words(command.StatusCode.ToString())}{Refused(command.ErrorCode)} at {at}",
            AuthenticationException => $"authentication failed for the configured user at {at}",
            SslHandshakeException => $"TLS handshake with {at} failed (certificate not trusted, or {Expected(server)} not spoken on that port)",
            NotSupportedException when failure.Message.Contains("STARTTLS", StringComparison.OrdinalIgnoreCase) => $"{at} does not offer STARTTLS",
            NotSupportedException when failure.Message.Contains("authentication", StringComparison.OrdinalIgnoreCase) => $"{at} does not offer authentication (Smtp:UserName is set)",
            SmtpProtocolException => $"SMTP protocol error at {at} (the server closed the connection or answered unexpectedly)",
            TimeoutException or OperationCanceledException => $"timed out after {server.Timeout.TotalSeconds:0} s at {at}",
            SocketException socket => $"cannot connect to {at} ({Words(socket.SocketErrorCode.ToString())})",
            IOException { InnerException: SocketException socket } => $"connection to {at} lost ({Words(socket.SocketErrorCode.ToString())})",
            IOException => $"connection to {at} lost",
            ServiceNotConnectedException or ServiceNotAuthenticatedException => $"connection to {at} not established",
            _ => $"{failure.GetType().Name} at {at}",
        };
    }

    private static string Expected(SmtpServer server) => server.SocketOptions == SecureSocketOptions.SslOnConnect ? "TLS" : "STARTTLS";

    private static string Refused(SmtpErrorCode code) => code switch
    {
        SmtpErrorCode.RecipientNotAccepted => " (recipient refused)",
        SmtpErrorCode.SenderNotAccepted => " (sender refused)",
        SmtpErrorCode.MessageNotAccepted => " (message refused)",
        _ => string.Empty,
    };

    // MailboxUnavailable → "mailbox unavailable", ConnectionRefused → "connection refused".
    private static string Words(string pascal) => PascalWords().Replace(pascal, " $1").Trim().ToLowerInvariant();

    [GeneratedRegex("([A-Z][a-z]+|[0-9]+)")]
    private static partial Regex PascalWords();
}
