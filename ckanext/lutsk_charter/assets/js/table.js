/* "Select all" for our worklists: a checkbox with data-lutsk-select-all="NAME"
 * ticks or unticks every enabled checkbox named NAME in the same form. */
(function () {
  'use strict';
  function boxes(master) {
    var form = master.form || document;
    var name = master.getAttribute('data-lutsk-select-all');
    return Array.prototype.filter.call(
      form.querySelectorAll('input[type=checkbox][name="' + name + '"]'),
      function (box) { return !box.disabled; }
    );
  }
  document.addEventListener('change', function (event) {
    var target = event.target;
    if (target.matches && target.matches('[data-lutsk-select-all]')) {
      boxes(target).forEach(function (box) { box.checked = target.checked; });
      return;
    }
    if (target.form && target.type === 'checkbox') {
      var master = target.form.querySelector('[data-lutsk-select-all="' + target.name + '"]');
      if (master) {
        var all = boxes(master);
        var ticked = all.filter(function (box) { return box.checked; }).length;
        master.checked = ticked === all.length && ticked > 0;
        master.indeterminate = ticked > 0 && ticked < all.length;
      }
    }
  });
})();
