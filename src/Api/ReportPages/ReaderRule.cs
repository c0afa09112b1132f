using System.Security.Claims;

namespace RunTasks.Api.ReportPages;

/// <summary>Who may read the reports once signed in: a member of an allowed group, or an allowed e-mail domain.</summary>
public static class ReaderRule
{
    public static bool Allows(ClaimsPrincipal user, ReportsSignInOptions settings)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var groups = user.FindAll(settings.GroupsClaim).Select(c => c.Value);
        if (settings.AllowedGroups.Intersect(groups, StringComparer.Ordinal).Any())
        {
            return true;
        }

        // A provider that says the address is unverified (anyone can type one) does not count.
        if (user.FindFirst("email")?.Value is not { } email || user.FindFirst("email_verified")?.Value is "false" or "False")
        {
            return false;
        }

        var at = email.LastIndexOf('@');
        return at > 0 && settings.AllowedEmailDomains.Contains(email[(at + 1)..], StringComparer.OrdinalIgnoreCase);
    }
}
