namespace Platform.Mail;

/// <summary>
/// An email could not be handed to the mail server. The message is the reason, short enough for a status field and
/// an audit row: what failed and where, e.g. "SMTP 550 mailbox unavailable (recipient refused) at smtp.example.se:587".
/// IMPORTANT: never the server's own reply text or an address, which may name a person; the inner exception has those
/// for the log.
/// </summary>
public sealed class SmtpDeliveryException(string reason, Exception? inner = null) : Exception(reason, inner);
