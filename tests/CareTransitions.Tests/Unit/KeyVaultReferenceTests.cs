using CareTransitions.Configuration.Validation;
using Microsoft.Extensions.Configuration;

namespace CareTransitions.Tests.UnitTests;

/// <summary>A Key Vault reference App Service could not resolve reaches the app as its own text: the start stops, naming the key.</summary>
public sealed class KeyVaultReferenceTests
{
    [Fact]
    public void Every_setting_still_holding_a_reference_is_named_and_its_value_is_not()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Intake:ApiKey"] = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/intake-api-key)",
            ["ConnectionStrings:Postgres"] = " @microsoft.keyvault(VaultName=kv;SecretName=pg)",
            ["Privacy:PseudonymKey"] = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
            ["Smtp:Host"] = "smtp.example.se",
        }).Build();

        var problems = SettingsCheck.UnresolvedKeyVaultReferences(configuration).ToList();

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("ConnectionStrings:Postgres is an unresolved Key Vault reference", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Intake:ApiKey is an unresolved Key Vault reference", problems[1], StringComparison.Ordinal);
        Assert.All(problems, p => Assert.DoesNotContain("vault.azure.net", p, StringComparison.Ordinal));
    }
}
