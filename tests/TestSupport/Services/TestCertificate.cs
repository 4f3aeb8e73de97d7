using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>
/// A self-signed server certificate for 127.0.0.1 and localhost, made for one test and written as PEM files
/// (cert.pem, key.pem) for a server such as maildev. Nothing is checked in and nothing is added to a trust store:
/// the service is told to accept exactly this one by its SHA-256 thumbprint.
/// </summary>
public sealed class TestCertificate : IDisposable
{
    private TestCertificate(string directory, string thumbprint)
    {
        this.Directory = directory;
        this.Sha256Thumbprint = thumbprint;
    }

    public string Directory { get; }

    public string CertificatePath => Path.Combine(this.Directory, "cert.pem");

    public string KeyPath => Path.Combine(this.Directory, "key.pem");

    /// <summary>Hex, as <c>Smtp:TrustedCertificateThumbprint</c> takes it.</summary>
    public string Sha256Thumbprint { get; }

    public static TestCertificate Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=maildev.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        var directory = System.IO.Directory.CreateTempSubdirectory("ct-cert-").FullName;
        File.WriteAllText(Path.Combine(directory, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        return new TestCertificate(directory, certificate.GetCertHashString(HashAlgorithmName.SHA256));
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(this.Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }
    }
}
