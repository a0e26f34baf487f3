// While an import runs: poll its status, move the progress bar, and show the result when it ends.
(function () {
  'use strict';
  var section = document.getElementById('processing');
  if (!section) { return; }
  var url = section.getAttribute('data-status-url');
  var bar = document.getElementById('progress');
  var text = document.getElementById('progress-text');
  var format = new Intl.NumberFormat(document.documentElement.lang || 'en');
  // "%processed% of %total% rows processed", in the page's language.
  var pattern = text.getAttribute('data-pattern');

  function poll() {
    fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error('status ' + response.status); }
        return response.json();
      })
      .then(function (s) {
        if (s.status === 'COMPLETED' || s.status === 'FAILED') {
          window.location.reload();
          return;
        }
        if (s.totalRows > 0) {
          bar.max = s.totalRows;
          bar.value = s.processedRows;
          text.textContent = pattern.replace('%processed%', format.format(s.processedRows))
            .replace('%total%', format.format(s.totalRows));
        }
        window.setTimeout(poll, 500);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 300);
}());
