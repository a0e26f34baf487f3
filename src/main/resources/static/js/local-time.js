// Shows every <time class="local"> in the reader's own time zone, in the page's language; in English
// the format the server uses for UTC ("25 Nov 2026, 23:53"). Without JavaScript the server's text,
// which names its zone, stays.
(function () {
  'use strict';
  var language = document.documentElement.lang || 'en';
  var english = language === 'en';
  var format = new Intl.DateTimeFormat(english ? 'en-US' : language, english ? {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  } : { dateStyle: 'medium', timeStyle: 'short' });
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var title = document.documentElement.getAttribute('data-your-time') || 'Your time (%zone%)';
  document.querySelectorAll('time.local').forEach(function (element) {
    var when = new Date(element.getAttribute('datetime'));
    if (isNaN(when.getTime())) { return; }
    if (english) {
      var part = {};
      format.formatToParts(when).forEach(function (p) { part[p.type] = p.value; });
      element.textContent = part.day + ' ' + part.month + ' ' + part.year + ', ' + part.hour + ':' + part.minute;
    } else {
      element.textContent = format.format(when);
    }
    element.title = title.replace('%zone%', zone);
  });
})();
