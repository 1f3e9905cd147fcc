using Microsoft.AspNetCore.Hosting.StaticWebAssets;

namespace GridSearch.Api.Dashboard;

public static class DashboardFiles
{
    /// <summary>
    /// Serves the dashboard in wwwroot at "/". A published API has wwwroot beside it; run from the build
    /// output (dotnet GridSearch.Api.dll, dotnet run) the files stay in the source tree, which the
    /// static web assets manifest written by the build points at, so that is used when wwwroot is missing.
    /// </summary>
    public static void UseDashboardFiles(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.WebRootFileProvider.GetFileInfo("index.html").Exists)
        {
            StaticWebAssetsLoader.UseStaticWebAssets(app.Environment, app.Configuration);
        }

        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Revalidated on every load (a 304 when unchanged), so a browser never runs a stale dashboard after an upgrade.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
    }
}
