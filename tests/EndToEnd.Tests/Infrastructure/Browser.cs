using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Playbound.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One headless Debian chromium session (its own profile, so its own sessionStorage and user) driven through
/// chromedriver, with the page's elements by their ids. Missing binaries fail the test: run scripts/ensure-browser.sh.
/// </summary>
public sealed class Browser : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly string _profile = Directory.CreateTempSubdirectory("playbound-chromium-").FullName;
    private readonly ChromeDriver _driver;

    /// <summary>Starts the browser and opens <paramref name="page"/>.</summary>
    public Browser(Uri page)
    {
        foreach (var binary in new[] { Chromium, ChromeDriver })
        {
            if (!File.Exists(binary))
            {
                throw new InvalidOperationException($"{binary} is missing; run scripts/ensure-browser.sh (apt-get install chromium chromium-driver).");
            }
        }

        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--window-size=900,900", $"--user-data-dir={_profile}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver), Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        _driver = new ChromeDriver(service, options, Patience);
        _driver.Navigate().GoToUrl(page);
    }

    /// <summary>The element with this id.</summary>
    public IWebElement ById(string id) => _driver.FindElement(By.Id(id));

    /// <summary>The elements matching a CSS selector.</summary>
    public IReadOnlyCollection<IWebElement> All(string css) => _driver.FindElements(By.CssSelector(css));

    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="what"/>.</summary>
    public T Until<T>(string what, Func<Browser, T?> condition)
    {
        var wait = new WebDriverWait(_driver, Patience) { Message = what };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(_ => condition(this))!;
    }

    /// <summary>Types into an input, replacing what it held.</summary>
    public void Type(string id, string text)
    {
        var input = ById(id);
        input.Clear();
        input.SendKeys(text);
    }

    /// <summary>Goes to a page of the client by its location hash (e.g. <c>#/tag/rust</c>) and waits until it has settled.</summary>
    public void Open(string hash)
    {
        ((IJavaScriptExecutor)_driver).ExecuteScript("location.hash = arguments[0];", hash);
        Until($"{hash} to be shown", p => p.All($"body[data-view-ready='{hash}']").Count == 1);
    }

    /// <summary>Registers <paramref name="handle"/> through the page's form and waits until the page is settled and live.</summary>
    public void Register(string handle)
    {
        Type("auth-handle", handle);
        Type("auth-display-name", handle.Replace('_', ' '));
        Type("auth-password", "correct horse battery");
        ById("register").Click();
        // Settled (feed and badge loaded) as well as live, so the pushes that follow are counted on top of the snapshot.
        Until($"@{handle} to be registered and live", p =>
            p.All("body[data-ready='true']").Count == 1 && p.ById("live-status").GetAttribute("data-state") == "live");
    }

    /// <summary>Saves a PNG of the viewport.</summary>
    public void Screenshot(string path) => _driver.GetScreenshot().SaveAsFile(path);

    /// <inheritdoc />
    public void Dispose()
    {
        _driver.Quit();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // chromium may still be writing its profile as it exits; the OS temp cleaner takes what is left.
        }
    }
}
