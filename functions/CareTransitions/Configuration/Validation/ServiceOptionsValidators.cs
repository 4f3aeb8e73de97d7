using Microsoft.Extensions.Options;
using Platform.Configuration;

namespace CareTransitions.Configuration.Validation;

/// <summary><c>PublicBaseUrl</c>: the absolute http(s) address the links in emails start with.</summary>
internal sealed class PublicUrlOptionsValidator : IValidateOptions<PublicUrlOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicUrlOptions options)
    {
        var problems = new SettingProblems();
        if (string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            problems.Missing(PublicUrlOptions.Key, "give the address staff open from their email, e.g. --PublicBaseUrl=https://vardovergang.region.se.");
        }
        else if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            problems.Bad(PublicUrlOptions.Key, options.BaseUrl, "is not an absolute http or https address: write e.g. https://vardovergang.region.se (no query, no #).");
        }

        return problems.ToResult();
    }
}

/// <summary><c>Acknowledgements:*</c>: a token that lives, and a rate limit that lets someone in.</summary>
internal sealed class AcknowledgementOptionsValidator : IValidateOptions<AcknowledgementOptions>
{
    public ValidateOptionsResult Validate(string? name, AcknowledgementOptions options)
    {
        var problems = new SettingProblems();
        if (options.TokenLifetime <= TimeSpan.Zero)
        {
            problems.Bad("Acknowledgements:TokenLifetime", options.TokenLifetime, "must be longer than zero, e.g. 14.00:00:00 (fourteen days).");
        }

        if (options.PermitsPerMinute < 1)
        {
            problems.Bad("Acknowledgements:PermitsPerMinute", options.PermitsPerMinute, "must be at least 1 request per minute and client address, e.g. 60.");
        }

        return problems.ToResult();
    }
}

/// <summary><c>Directory:Path</c>: the units directory is read at the first intake, so it must be there at start.</summary>
internal sealed class DirectoryOptionsValidator : IValidateOptions<DirectoryOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectoryOptions options)
    {
        var problems = new SettingProblems();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            problems.Missing("Directory:Path", "give the units directory (enhetskatalog) JSON file, e.g. --Directory:Path=/etc/care-transitions/units.json.");
        }
        else if (!File.Exists(options.Path))
        {
            problems.Bad("Directory:Path", options.Path, "is not a file: give the units directory (enhetskatalog) JSON file; the demo one ships as Directory/units.json beside the binary.");
        }

        return problems.ToResult();
    }
}
