namespace CareTransitions.Worklist;

/// <summary>
/// The work list's self-refresh, a script file because the CSP runs no inline script. Every minute it fetches the page
/// again and swaps only the list, keeping the filters and the focus where they are; a button pauses and resumes it (WCAG
/// 2.2.1, Timing Adjustable), remembered in the browser; it waits while the tab is hidden. A meta refresh would reload the
/// whole page, move the focus and could not be paused, so it is not used.
/// </summary>
internal static class WorklistRefreshScript
{
    public const int Seconds = 60;

    public const string Source = """
        (function () {
          var list = document.getElementById('lista');
          var stamp = document.getElementById('uppdaterad');
          var button = document.getElementById('paus');
          if (!list || !stamp || !button || !window.fetch || !window.DOMParser) { return; }
          var seconds = parseInt(stamp.getAttribute('data-refresh-seconds'), 10) || 60;
          var paused = false;
          try { paused = window.localStorage.getItem('samordning-paus') === '1'; } catch (e) { }
          function show() {
            button.setAttribute('aria-pressed', paused ? 'true' : 'false');
            button.textContent = paused ? 'Starta automatisk uppdatering' : 'Pausa automatisk uppdatering';
          }
          button.hidden = false;
          show();
          button.addEventListener('click', function () {
            paused = !paused;
            try { window.localStorage.setItem('samordning-paus', paused ? '1' : '0'); } catch (e) { }
            show();
          });
          function refresh() {
            if (paused || document.hidden || list.contains(document.activeElement)) { return; }
            fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
              .then(function (r) { return r.ok ? r.text() : null; })
              .then(function (html) {
                if (!html) { return; }
                var page = new DOMParser().parseFromString(html, 'text/html');
                var fresh = page.getElementById('lista');
                var freshStamp = page.getElementById('uppdaterad');
                if (fresh) { list.innerHTML = fresh.innerHTML; }
                if (freshStamp) { stamp.textContent = freshStamp.textContent; }
              })
              .catch(function () { });
          }
          window.setInterval(refresh, seconds * 1000);
        })();
        """;
}
