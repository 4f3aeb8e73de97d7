using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using CareTransitions.Privacy;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace CareTransitions.Storage;

/// <summary>
/// The data-protection key ring's secrets encrypted before they reach the database (AES-256-GCM, the key derived from
/// Privacy:PseudonymKey): whoever can read the table cannot forge session or antiforgery cookies. Keys stored before
/// stay readable as they are, and are retired as the ring rolls over (every 90 days).
/// </summary>
public sealed class KeyRingEncryptor(IServiceProvider services) : IXmlEncryptor
{
    internal const string Purpose = "care-transitions data-protection key ring";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var key = services.GetRequiredService<PatientPseudonymizer>().DeriveKey(Purpose);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var ciphertext = new byte[plaintext.Length];
        using (var aes = new AesGcm(key, tag.Length))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag);
        }

        var element = new XElement("encryptedKeyRingSecret",
            new XAttribute("version", "1"),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("ciphertext", Convert.ToBase64String(ciphertext)));
        return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
    }
}

/// <summary>Reads what <see cref="KeyRingEncryptor"/> wrote; data protection creates it by the type name stored with the key.</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var key = services.GetRequiredService<PatientPseudonymizer>().DeriveKey(KeyRingEncryptor.Purpose);
        var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
        var ciphertext = Convert.FromBase64String((string)encryptedElement.Element("ciphertext")!);
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(key, tag.Length))
        {
            // Another Privacy:PseudonymKey than the one the key was stored with throws here (AuthenticationTagMismatchException).
            aes.Decrypt(nonce, ciphertext, tag, plaintext);
        }

        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}
