using System.Xml.Linq;
using CareTransitions.Privacy;
using CareTransitions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CareTransitions.Tests.UnitTests;

/// <summary>The data-protection key ring's secrets as the database holds them: encrypted, and readable only with the same pseudonym key.</summary>
public sealed class KeyRingEncryptionTests
{
    private static readonly XElement Secret = XElement.Parse("<masterKey><value>c2VjcmV0LWtleS1tYXRlcmlhbA==</value></masterKey>");

    [Fact]
    public void A_secret_is_stored_encrypted_and_read_back_whole()
    {
        var services = With(1);

        var encrypted = new KeyRingEncryptor(services).Encrypt(Secret);

        Assert.DoesNotContain("c2VjcmV0", encrypted.EncryptedElement.ToString(), StringComparison.Ordinal);
        Assert.Equal(typeof(KeyRingDecryptor), encrypted.DecryptorType);
        Assert.Equal(Secret.ToString(), new KeyRingDecryptor(services).Decrypt(encrypted.EncryptedElement).ToString());
    }

    [Fact]
    public void Another_pseudonym_key_cannot_read_it()
    {
        var encrypted = new KeyRingEncryptor(With(1)).Encrypt(Secret);

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => new KeyRingDecryptor(With(2)).Decrypt(encrypted.EncryptedElement));
    }

    private static ServiceProvider With(byte fill) =>
        new ServiceCollection().AddSingleton(new PatientPseudonymizer(Enumerable.Repeat(fill, 32).ToArray())).BuildServiceProvider();
}
