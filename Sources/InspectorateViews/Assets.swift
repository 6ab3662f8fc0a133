/// The site's own stylesheet and script, served from the app: no external fonts or scripts.
public enum Assets {
    public static let stylesheet = """
        *,*::before,*::after{box-sizing:border-box}[hidden]{display:none!important}
        html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:16px;line-height:1.4;color:#0b0c0c;background:#f3f2f1}
        body{margin:0;background:#fff}
        code{overflow-wrap:anywhere}
        a{color:#1d70b8}a:visited{color:#4c2c92}a:hover{color:#003078}
        a:focus,button:focus,input:focus,select:focus,textarea:focus,[tabindex]:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 3px #fd0,inset 0 0 0 2px #0b0c0c}
        a:focus{background:#fd0;color:#0b0c0c;box-shadow:0 -2px #fd0,0 4px #0b0c0c;text-decoration:none;outline:none}
        .skip-link{position:absolute;left:-9999px}.skip-link:focus{position:static;display:block;padding:10px 15px;background:#fd0}
        .visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
        .width-container{max-width:1020px;margin:0 auto;padding:0 15px}
        .header{background:#0b0c0c;color:#fff;border-bottom:10px solid #1d70b8}
        .header__inner{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:8px;padding-top:10px;padding-bottom:10px}
        .header__service{color:#fff!important;font-weight:700;font-size:1.5rem;text-decoration:none}
        .header__nav{display:flex;flex-wrap:wrap;gap:6px 18px;list-style:none;margin:0;padding:0;align-items:center}
        .header__nav a{color:#fff;font-weight:700}.header__nav a:focus{color:#0b0c0c}
        .header__account{display:flex;flex-wrap:wrap;gap:6px 12px;align-items:center}.header__account form{display:inline}
        .muted-inverse{color:#dcdcdc}
        .link-button{background:none;border:0;padding:0;color:#fff;font:inherit;font-weight:700;text-decoration:underline;cursor:pointer}
        .demo-banner{background:#fff7bf;border-bottom:1px solid #b1b4b6;padding:8px 15px;text-align:center}
        .main{padding:20px 0 40px;display:block}.main:focus{outline:none;box-shadow:none}
        .footer{border-top:1px solid #b1b4b6;background:#f3f2f1;padding:20px 0;color:#505a5f;font-size:.9rem}
        h1,.heading-xl,.heading-l{font-size:2rem;margin:0 0 20px;line-height:1.15}h1,h2,h3{overflow-wrap:break-word}
        h2,.heading-m{font-size:1.5rem;margin:30px 0 15px}h3,.heading-s{font-size:1.2rem;margin:20px 0 10px}
        .caption{color:#505a5f;font-size:1.1rem;display:block;margin-bottom:5px}
        .lead{font-size:1.2rem}.muted{color:#505a5f}
        .breadcrumbs ol{list-style:none;padding:0;margin:15px 0 0;display:flex;flex-wrap:wrap;gap:4px 10px;font-size:.9rem}
        .breadcrumbs li+li::before{content:"›";margin-right:10px;color:#505a5f}
        .back-link{display:inline-block;margin:0 0 15px;font-size:.95rem}.back-link::before{content:"‹ "}
        .button{display:inline-block;font:inherit;font-weight:700;font-size:1.05rem;padding:8px 14px;margin:0 10px 15px 0;background:#00703c;color:#fff;border:2px solid transparent;box-shadow:0 2px 0 #002d18;cursor:pointer;text-decoration:none;border-radius:0}
        .button:hover{background:#005a30}.button:focus{background:#fd0;color:#0b0c0c;box-shadow:0 2px 0 #0b0c0c}
        .button--secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}.button--secondary:hover{background:#dbdad9}
        .button--warning{background:#d4351c;box-shadow:0 2px 0 #55150b}
        .form-group{margin-bottom:24px}.form-group--error{border-left:5px solid #d4351c;padding-left:15px}
        .label{display:block;font-weight:700;margin-bottom:5px}.hint{color:#505a5f;margin-bottom:8px}
        .error-message{color:#d4351c;font-weight:700;margin:0 0 8px;overflow-wrap:anywhere}
        .input,.select,.textarea{font:inherit;border:2px solid #0b0c0c;padding:6px;width:100%;max-width:100%;border-radius:0;background:#fff}
        .input--error{border-color:#d4351c}.input--width-10{max-width:14em}.input--width-5{max-width:7em}.input--width-20{max-width:26em}
        .textarea{min-height:6em}
        .fieldset{border:0;margin:0;padding:0;min-width:0}.fieldset__legend{font-weight:700;margin-bottom:8px;padding:0}
        .fieldset__legend--m{font-size:1.2rem}.fieldset__legend--s{font-size:1rem}
        .radios__item,.checkboxes__item{display:flex;flex-wrap:wrap;align-items:flex-start;margin-bottom:8px}
        .radios--inline{display:flex;flex-wrap:wrap;gap:0 20px}
        .radios__input,.checkboxes__input{width:24px;height:24px;margin:2px 8px 0 0;flex:none;accent-color:#0b0c0c}
        .radios__label,.checkboxes__label{padding-top:2px;flex:1;min-width:0}.radios__hint{flex-basis:100%;padding-left:32px}
        .error-summary{border:5px solid #d4351c;padding:15px;margin-bottom:30px}.error-summary:focus{outline:3px solid #fd0}
        .error-summary__title{margin-top:0;font-size:1.3rem}.error-summary__list{margin:0;padding-left:20px}
        .error-summary__list a{color:#d4351c;font-weight:700;overflow-wrap:anywhere}.error-summary__list li+li{margin-top:8px}
        .summary-list{margin:0 0 30px;display:table;width:100%}
        .summary-list__row{display:table-row}.summary-list__key,.summary-list__value,.summary-list__actions{display:table-cell;padding:10px 20px 10px 0;border-bottom:1px solid #b1b4b6;vertical-align:top;margin:0}
        .summary-list__key{font-weight:700;width:30%}.summary-list__actions{text-align:right}
        @media (max-width:640px){.summary-list,.summary-list__row,.summary-list__key,.summary-list__value,.summary-list__actions{display:block;width:auto}
        .summary-list__key{border:0;padding-bottom:0}.summary-list__actions{text-align:left}}
        .task-list{list-style:none;margin:0 0 30px;padding:0;border-top:1px solid #b1b4b6}
        .task-list__item{display:flex;flex-wrap:wrap;justify-content:space-between;gap:6px;padding:12px 0;border-bottom:1px solid #b1b4b6}
        .task-list__hint{color:#505a5f;font-size:.9rem}
        .tag{display:inline-block;padding:3px 8px;font-weight:700;font-size:.85rem;letter-spacing:.02em;background:#d2e2f1;color:#0c2d4a}
        .tag--grey{background:#eeefef;color:#383f43}.tag--green{background:#cce2d8;color:#005a30}.tag--blue{background:#d2e2f1;color:#0c2d4a}
        .tag--orange{background:#fcd6c3;color:#6e3619}.tag--red{background:#f6d7d2;color:#942514}
        .rating{display:inline-block;padding:2px 8px;font-weight:700;border:2px solid transparent;white-space:nowrap}
        .rating--outstanding{background:#005a30;color:#fff}
        .rating--good{background:#1d70b8;color:#fff}
        .rating--requires-improvement{background:#ffdd82;color:#0b0c0c;border-color:#0b0c0c;border-style:dashed}
        .rating--inadequate{background:#0b0c0c;color:#fff}
        .rating--none{background:#fff;color:#383f43;border-color:#b1b4b6}
        .rating-link{text-decoration:none;display:inline-block;min-height:24px}.band{display:flex;gap:12px;align-items:baseline;margin-bottom:12px}
        .table-wrapper{overflow-x:auto;margin-bottom:30px;position:relative}.table-wrapper:focus{outline:3px solid #fd0}
        .table{border-collapse:collapse;width:100%}.table caption{text-align:left;font-weight:700;font-size:1.1rem;margin-bottom:10px}
        .table th,.table td{text-align:left;padding:8px 12px 8px 0;border-bottom:1px solid #b1b4b6;vertical-align:top}
        .table thead th{font-weight:700}.table .numeric{text-align:right}.interval{color:#505a5f;white-space:nowrap}
        .banner{border:5px solid #1d70b8;padding:12px 15px;margin-bottom:25px}.banner--success{border-color:#00703c}.banner p{margin:0;font-weight:700}
        .inset{border-left:10px solid #b1b4b6;padding:10px 15px;margin:20px 0}
        .warning-text{display:flex;gap:12px;align-items:flex-start;margin:15px 0}.warning-text__icon{flex:none;display:inline-flex;align-items:center;justify-content:center;width:32px;height:32px;border-radius:50%;background:#0b0c0c;color:#fff;font-weight:700}
        .prompts{margin:0 0 10px;padding-left:20px;color:#383f43}
        details summary{cursor:pointer;color:#1d70b8;text-decoration:underline}
        .question{border-top:1px solid #b1b4b6;padding-top:15px;margin-top:15px}
        .autosave-status{min-height:1.5em;color:#505a5f}
        .grid{display:flex;flex-wrap:wrap;gap:20px}.grid>*{flex:1 1 300px;min-width:0}
        .conflict{border:3px solid #f47738;padding:10px 15px;margin-bottom:20px}
        progress{width:100%;height:24px}
        .contents ol,.contents ul{padding-left:20px}.contents li{padding:2px 0}.contents a{display:inline-block;min-height:24px}
        .paging{margin:0 0 30px}.paging ul{list-style:none;display:flex;flex-wrap:wrap;gap:8px 24px;padding:0;margin:5px 0}.paging a{display:inline-block;min-height:24px;padding:2px 0}
        .chart{max-width:640px;margin:10px 0 25px}.chart figcaption{color:#383f43;margin-bottom:10px}.chart__legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 24px;padding:0;margin:0 0 10px}.chart__legend li{display:flex;align-items:center;gap:8px}.chart__swatch{width:18px;height:18px;flex:none}.chart__heading{font-weight:700;margin:20px 0 0}.chart__label{margin:10px 0 4px;overflow-wrap:anywhere}.chart__name{font-weight:700}.chart__bar,.chart__axis{display:block}.chart__definitions{position:absolute;overflow:hidden}
        .report-figure{margin-bottom:30px}.table-note{color:#383f43;font-size:.95rem;margin-top:-20px}.downloads{font-size:.95rem}
        .figure{font-weight:700}.count{color:#383f43;white-space:nowrap;font-size:.9rem}.figure-link{text-decoration:none}.figure-link .figure{text-decoration:underline}
        .change{font-weight:700;white-space:nowrap}.change--up{color:#005a30}.change--down{color:#942514}
        .list--actions li{margin:0 0 10px}.list--actions a{display:inline-block;min-height:24px}.list--columns{columns:2 260px}.list--columns li{padding:3px 0;break-inside:avoid}.list--columns a{display:inline-block;min-height:24px}.filters{display:flex;flex-wrap:wrap;gap:0 20px;align-items:flex-end;margin-bottom:20px}.filters .form-group{margin-bottom:10px}
        .sessions,.problems{list-style:none;padding:0;margin:0 0 20px}.problem{border-top:1px solid #b1b4b6;padding:10px 0;overflow-wrap:anywhere}.problem h3,.problem p{margin:0 0 5px}.session{border-top:1px solid #b1b4b6;padding:10px 0}.session h2{margin:0 0 5px}.session p{margin:0 0 8px}.print-cover{display:none}.report-actions{display:flex;flex-wrap:wrap;align-items:center;gap:10px 24px}.report-actions .button{margin:0}
        .panel{border:5px solid #005a30;padding:15px;margin-bottom:25px}.token{word-break:break-all;font-size:1.05rem}
        @page{size:A4;margin:18mm 16mm}
        @media print{.print-cover{display:block;break-after:page;padding-top:60mm}.print-cover__service{font-size:14pt;margin:0 0 8mm}
        .print-cover__title{font-size:26pt;font-weight:700;line-height:1.2;margin:0 0 14mm}.print-cover__facts{display:grid;grid-template-columns:max-content 1fr;gap:3mm 8mm;font-size:13pt;margin:0}
        .print-cover__facts dt{font-weight:700}.print-cover__facts dd{margin:0}
        .header,.footer,.skip-link,.breadcrumbs,.button,form,.demo-banner,.downloads,.filters{display:none!important}
        body{font-size:11pt;color:#000}a{color:#000;text-decoration:none}.width-container{max-width:none;padding:0}
        .table-wrapper{overflow:visible}.report-figure,.table tr,.chart{break-inside:avoid}h2{break-after:avoid}
        .rating{-webkit-print-color-adjust:exact;print-color-adjust:exact}.chart{max-width:15cm}}
        """

    /// Progressive enhancement only: every form works without it. It autosaves assessment forms,
    /// moves focus to the error summary when a page shows one, and shows Print buttons (hidden
    /// without it, as they need it).
    ///
    /// Autosave keeps each answer's version in the form's `version-<question>` field, so the
    /// next save (autosave or "Save and continue") builds on the last one; one save at a time,
    /// and "Save and continue" waits for a save on its way. A conflict names the colleague and
    /// keeps the version read, so nothing of theirs is replaced unseen; a failure says so and
    /// leaves the text in the form. `data-saves` counts finished attempts (for tests and
    /// assistive tools that watch the status line).
    public static let script = """
        (function(){
          document.addEventListener('DOMContentLoaded',function(){
            var summary=document.querySelector('[data-autofocus]');if(summary){summary.focus();}
            document.querySelectorAll('button[data-print]').forEach(function(button){button.hidden=false;button.addEventListener('click',function(){window.print();});});
            document.querySelectorAll('form[data-autosave]').forEach(function(form){
              var status=form.querySelector('.autosave-status');var timer=null;var inFlight=null;var submitting=false;
              function say(text,state){if(!status){return;}status.textContent=text;status.setAttribute('data-state',state);}
              function finished(){if(status){status.setAttribute('data-saves',String(Number(status.getAttribute('data-saves')||0)+1));}}
              function clock(){var d=new Date();return ('0'+d.getHours()).slice(-2)+':'+('0'+d.getMinutes()).slice(-2);}
              function keepVersions(versions){Object.keys(versions||{}).forEach(function(q){var f=form.querySelector('input[name="version-'+q+'"]');if(f){f.value=versions[q];}});}
              function conflictText(conflicts){
                var who=Object.keys(conflicts||{}).map(function(q){return conflicts[q].by+' changed an answer to '+q+' '+conflicts[q].at;});
                return (who.length?who.join('; '):'Someone else changed an answer here')+'. Your text is kept: select "Save and continue" to see both versions.';
              }
              function save(){
                clearTimeout(timer);timer=null;
                if(submitting){return Promise.resolve();}
                if(inFlight){return inFlight.then(save);}
                var data=new FormData(form);data.append('autosave','1');
                say('Saving…','saving');
                inFlight=fetch(form.action,{method:'POST',body:new URLSearchParams(data),headers:{'Accept':'application/json'},credentials:'same-origin',redirect:'error'})
                  .then(function(r){return r.json().then(function(body){return {status:r.status,body:body||{}};},function(){return {status:r.status,body:{}};});})
                  .then(function(result){
                    keepVersions(result.body.versions);
                    if(result.status===200){say('Saved at '+clock(),'saved');}
                    else if(result.status===409){say(conflictText(result.body.conflicts),'conflict');}
                    else{say('Not saved: '+((result.body.error&&result.body.error.message)||'the server did not accept it.')+' Your text is still here; select "Save and continue" to try again.','failed');}
                  },function(){say('Not saved: the connection was lost. Your text is still here and will be saved when you next make a change, or select "Save and continue".','failed');})
                  .then(function(){inFlight=null;finished();});
                return inFlight;
              }
              function later(delay){if(submitting){return;}clearTimeout(timer);timer=setTimeout(save,delay);}
              form.addEventListener('change',function(){later(400);});
              form.addEventListener('input',function(e){if(e.target.tagName==='TEXTAREA'){later(1500);}});
              form.addEventListener('submit',function(e){
                clearTimeout(timer);timer=null;
                if(!inFlight){submitting=true;return;}
                e.preventDefault();submitting=true;say('Saving…','saving');
                inFlight.then(function(){HTMLFormElement.prototype.submit.call(form);});
              });
            });
          });
        })();
        """
}
