<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name></name>
    <message>
        <source>Your annotator name:</source>
        <translation>اسمك كموسِّم:</translation>
    </message>
    <message>
        <source>Open a project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <source>Projects (*.db *.sqlite);;All files (*)</source>
        <translation>مشاريع (*.db *.sqlite);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>{what}: the project is busy in another program; not saved</source>
        <translation>{what}: المشروع مشغول في برنامج آخر؛ لم يُحفظ</translation>
    </message>
    <message>
        <source>{what}: the disk is full; not saved</source>
        <translation>{what}: القرص ممتلئ؛ لم يُحفظ</translation>
    </message>
    <message>
        <source>{what}: the project file is read-only; not saved</source>
        <translation>{what}: ملف المشروع للقراءة فقط؛ لم يُحفظ</translation>
    </message>
    <message>
        <source>{path} was renamed, moved or deleted while open ({place}); not saved. Reopen the project to go on</source>
        <translation>أُعيدت تسمية {path} أو نُقل أو حُذف وهو مفتوح ({place})؛ لم يُحفظ. أعد فتح المشروع للمتابعة</translation>
    </message>
    <message>
        <source>an export is reading the project; not saved: try again when it is done</source>
        <translation>عملية تصدير تقرأ المشروع الآن؛ لم يُحفظ: أعد المحاولة بعد انتهائها</translation>
    </message>
    <message>
        <source>{what}: the {label} tag at {at} was removed elsewhere (another window or program); left as it is</source>
        <translation>{what}: حُذف وسم {label} في {at} من مكان آخر (نافذة أو برنامج آخر)؛ تُرك كما هو</translation>
    </message>
    <message>
        <source>{what}: the {label} tag at {at} was changed elsewhere (now {now}); left as it is</source>
        <translation>{what}: غُيّر وسم {label} في {at} من مكان آخر (صار {now})؛ تُرك كما هو</translation>
    </message>
    <message>
        <source>tag {label}: the letters {at} were tagged again elsewhere (another window or program); left as they are</source>
        <translation>وسم {label}: وُسمت الحروف {at} من جديد في مكان آخر (نافذة أو برنامج آخر)؛ تُركت كما هي</translation>
    </message>
    <message>
        <source>the same span already exists at {at}</source>
        <translation>الوسم نفسه موجود في {at}</translation>
    </message>
    <message>
        <source>label {label}: key {key} is already used</source>
        <translation>الوسم {label}: المفتاح {key} مستخدم من قبل</translation>
    </message>
    <message>
        <source>label {label} already exists</source>
        <translation>الوسم {label} موجود من قبل</translation>
    </message>
    <message>
        <source>label name is empty</source>
        <translation>اسم الوسم فارغ</translation>
    </message>
    <message>
        <source>that label was removed in another window or program</source>
        <translation>حُذف هذا الوسم في نافذة أو برنامج آخر</translation>
    </message>
    <message>
        <source>nothing to search for: the search text is empty</source>
        <translation>لا شيء للبحث عنه: نص البحث فارغ</translation>
    </message>
    <message>
        <source>saving to {place}: the connection to the server was lost while saving ({why}) and the server could not confirm the change; it may or may not be saved: look at the article again</source>
        <translation>الحفظ في {place}: انقطع الاتصال بالخادم أثناء الحفظ ({why}) ولم يستطع الخادم تأكيد التغيير؛ ربما حُفظ وربما لم يُحفظ: انظر إلى المقال مرة أخرى</translation>
    </message>
    <message>
        <source>{what}: the connection to the server was lost ({why}); not saved</source>
        <translation>{what}: انقطع الاتصال بالخادم ({why})؛ لم يُحفظ</translation>
    </message>
    <message>
        <source>{path}: no such project file</source>
        <translation>{path}: لا يوجد ملف مشروع بهذا الاسم</translation>
    </message>
    <message>
        <source>{path}: the project file is damaged ({why})</source>
        <translation>{path}: ملف المشروع تالف ({why})</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>Every annotator</source>
        <translation>كل الموسِّمين</translation>
    </message>
    <message>
        <source>Gold (adjudicated)</source>
        <translation>المرجعي (بعد الحسم)</translation>
    </message>
    <message>
        <source>Finished articles only (done / reviewed)</source>
        <translation>المقالات المنجزة فقط (تمّت / رُوجعت)</translation>
    </message>
    <message>
        <source>Every article worked on</source>
        <translation>كل مقال عُمل عليه</translation>
    </message>
    <message>
        <source>Leave out the article text (jsonl)</source>
        <translation>دون نص المقال (jsonl)</translation>
    </message>
    <message>
        <source>Stop and list them</source>
        <translation>التوقف وسردها</translation>
    </message>
    <message>
        <source>Grow to whole tokens</source>
        <translation>توسيعها إلى كلمات كاملة</translation>
    </message>
    <message>
        <source>Leave them out</source>
        <translation>تركها</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <source>Spans of</source>
        <translation>وسوم</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>المقالات</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Spans off word boundaries (conll, hf)</source>
        <translation>وسوم لا تطابق حدود الكلمات (conll، hf)</translation>
    </message>
    <message>
        <source>Output file</source>
        <translation>ملف الإخراج</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>التصدير إلى</translation>
    </message>
    <message>
        <source>Export files (*.jsonl *.conll);;All files (*)</source>
        <translation>ملفات التصدير (*.jsonl *.conll);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Export cancelled; {path} was not written.</source>
        <translation>أُلغي التصدير؛ لم يُكتب {path}.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Display name (Arabic)</source>
        <translation>الاسم المعروض (بالعربية)</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>اللون</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>المفتاح</translation>
    </message>
    <message>
        <source>Guideline</source>
        <translation>الإرشاد</translation>
    </message>
    <message>
        <source>New label</source>
        <translation>وسم جديد</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Label color</source>
        <translation>لون الوسم</translation>
    </message>
    <message>
        <source>The key {key} is already used by {label}.</source>
        <translation>المفتاح {key} مستخدم للوسم {label}.</translation>
    </message>
    <message>
        <source>Count all articles, not only those marked done</source>
        <translation>احتساب كل المقالات، لا المنجزة وحدها</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>احسب</translation>
    </message>
    <message>
        <source>Exact-match F1, annotator by annotator</source>
        <translation>مقياس F1 للتطابق التام، بين كل موسِّمَين</translation>
    </message>
    <message>
        <source>Label confusion (overlapping spans, different labels)</source>
        <translation>الخلط بين الوسوم (وسوم متداخلة بتسميات مختلفة)</translation>
    </message>
    <message>
        <source>Team progress</source>
        <translation>تقدّم الفريق</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Median time: per article marked done, from the recorded changes. Shared: articles done by someone else too. Agreement: exact-match F1 with the others on those articles.</source>
        <translation>الوقت الوسيط: لكل مقال مُنجز، من التغييرات المسجّلة. المشتركة: مقالات أنجزها شخص آخر أيضًا. الاتفاق: مقياس F1 للتطابق التام مع الآخرين في تلك المقالات.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>مُنجز</translation>
    </message>
    <message>
        <source>Done today</source>
        <translation>أُنجز اليوم</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>Median time</source>
        <translation>الوقت الوسيط</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>مشتركة</translation>
    </message>
    <message>
        <source>{articles} articles; today is {day}</source>
        <translation>{articles} مقالًا؛ اليوم {day}</translation>
    </message>
    <message>
        <source>No annotator has worked on the project yet.</source>
        <translation>لم يعمل أي موسِّم على المشروع بعد.</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>غير متاح</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} ث</translation>
    </message>
    <message>
        <source>F1 {f1} · partial F1 {partial} · kappa {kappa} · Krippendorff&apos;s alpha {alpha} ({articles} articles, {tokens} tokens)</source>
        <translation>F1 ‏{f1} · F1 الجزئي {partial} · كابا {kappa} · ألفا كريبندورف {alpha} ({articles} مقالات، {tokens} كلمة)</translation>
    </message>
    <message>
        <source>The gold span</source>
        <translation>الوسم المرجعي</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>الكلمات</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>في الانتظار</translation>
    </message>
    <message>
        <source>in review</source>
        <translation>قيد المراجعة</translation>
    </message>
    <message>
        <source>done</source>
        <translation>تم</translation>
    </message>
    <message>
        <source>Review — {name}</source>
        <translation>المراجعة — {name}</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>المعرّف</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>مفتوحة</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>المراجعة</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>الموسِّم</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>نسخته</translation>
    </message>
    <message>
        <source>all</source>
        <translation>الكل</translation>
    </message>
    <message>
        <source>k = </source>
        <translation>العدد = </translation>
    </message>
    <message>
        <source>Shown layer:</source>
        <translation>الطبقة المعروضة:</translation>
    </message>
    <message>
        <source>Auto-accept when agreed by</source>
        <translation>القبول التلقائي عند اتفاق</translation>
    </message>
    <message>
        <source>1..9 accept annotator N · E the selected words as gold · R/Delete reject · A auto-accept (k) · N/P next/previous disagreement · PgDn/PgUp next/previous article · Esc close</source>
        <translation>1..9 قبول صيغة الموسِّم N · E الكلمات المحددة وسمًا مرجعيًا · R/Delete رفض · A قبول تلقائي · N/P الخلاف التالي/السابق · PgDn/PgUp المقال التالي/السابق · Esc إغلاق</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>الخلافات</translation>
    </message>
    <message>
        <source>No disagreements to review.</source>
        <translation>لا خلافات للمراجعة.</translation>
    </message>
    <message>
        <source>gold</source>
        <translation>المرجعي</translation>
    </message>
    <message>
        <source>all annotators</source>
        <translation>كل الموسِّمين</translation>
    </message>
    <message>
        <source>disagreement {n} of {total} ({state})</source>
        <translation>الخلاف {n} من {total} ({state})</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>محسوم</translation>
    </message>
    <message>
        <source>open</source>
        <translation>مفتوح</translation>
    </message>
    <message>
        <source>no disagreements</source>
        <translation>لا خلافات</translation>
    </message>
    <message>
        <source>review: {status} by {name}</source>
        <translation>المراجعة: {status} بواسطة {name}</translation>
    </message>
    <message>
        <source>review: {status}</source>
        <translation>المراجعة: {status}</translation>
    </message>
    <message>
        <source>agreement {score}</source>
        <translation>الاتفاق {score}</translation>
    </message>
    <message>
        <source>{n} open</source>
        <translation>{n} مفتوحة</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(لا شيء)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>لم يُحفظ</translation>
    </message>
    <message>
        <source>Search the corpus</source>
        <translation>البحث في المدوّنة</translation>
    </message>
    <message>
        <source>Search every article (Enter)</source>
        <translation>ابحث في كل المقالات (Enter)</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>السياق</translation>
    </message>
    <message>
        <source>Indexing articles for search…</source>
        <translation>فهرسة المقالات للبحث…</translation>
    </message>
    <message>
        <source>{hits} hit(s) in {articles} article(s)</source>
        <translation>{hits} نتيجة في {articles} مقال</translation>
    </message>
    <message>
        <source> (first {n})</source>
        <translation> (أول {n})</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>المطابقة السابقة (Shift+F3)</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>المطابقة التالية (F3)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>إغلاق (Esc)</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>بحث</translation>
    </message>
    <message>
        <source>Find in this article</source>
        <translation>البحث في هذا المقال</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>لا مطابقة</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>بحث</translation>
    </message>
    <message>
        <source>Tag all occurrences in this article</source>
        <translation>وسم كل المواضع في هذا المقال</translation>
    </message>
    <message>
        <source>Tag all occurrences in the corpus…</source>
        <translation>وسم كل المواضع في المدوّنة…</translation>
    </message>
    <message>
        <source>Leave proclitics (و ف ب ك ل) out of spans</source>
        <translation>إخراج السوابق (و ف ب ك ل) من الوسوم</translation>
    </message>
    <message>
        <source>… and the article (ال)</source>
        <translation>… وأداة التعريف (ال)</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>الاقتراحات</translation>
    </message>
    <message>
        <source>Accept (Enter)</source>
        <translation>قبول (Enter)</translation>
    </message>
    <message>
        <source>Reject (Backspace)</source>
        <translation>رفض (Backspace)</translation>
    </message>
    <message>
        <source>Accept all in this article</source>
        <translation>قبول الكل في هذا المقال</translation>
    </message>
    <message>
        <source>Reject all in this article</source>
        <translation>رفض الكل في هذا المقال</translation>
    </message>
    <message>
        <source>Next suggestion</source>
        <translation>الاقتراح التالي</translation>
    </message>
    <message>
        <source>Select a span first (click it), then tag its occurrences.</source>
        <translation>حدّد وسمًا أولًا (انقر عليه)، ثم اوسم مواضعه.</translation>
    </message>
    <message>
        <source>This span is {name}&apos;s; select one of yours.</source>
        <translation>هذا الوسم يخص {name}؛ اختر أحد وسومك.</translation>
    </message>
    <message>
        <source>Tag all occurrences</source>
        <translation>وسم كل المواضع</translation>
    </message>
    <message>
        <source>Tag {matches} more occurrence(s) of “{text}” as {label} in {articles} article(s)? ({skipped} already tagged.) One undo step.</source>
        <translation>هل تُوسم {matches} مواضع أخرى لـ«{text}» بالوسم {label} في {articles} مقال؟ ({skipped} موسومة من قبل.) خطوة تراجع واحدة.</translation>
    </message>
    <message>
        <source>No other occurrence to tag ({skipped} already tagged).</source>
        <translation>لا مواضع أخرى للوسم ({skipped} موسومة من قبل).</translation>
    </message>
    <message>
        <source>Tagged {n} occurrence(s) in {a} article(s).</source>
        <translation>وُسم {n} موضعًا في {a} مقال.</translation>
    </message>
    <message>
        <source>Put the cursor on a suggestion first.</source>
        <translation>ضع المؤشر على اقتراح أولًا.</translation>
    </message>
    <message>
        <source>No suggestion in this article.</source>
        <translation>لا اقتراحات في هذا المقال.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>للعمل</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>متخطّى</translation>
    </message>
    <message>
        <source>No more articles in this list.</source>
        <translation>لا مزيد من المقالات في هذه القائمة.</translation>
    </message>
    <message>
        <source>Every article in this list is done.</source>
        <translation>اكتملت كل مقالات هذه القائمة.</translation>
    </message>
    <message>
        <source>The note was not saved: {reason}</source>
        <translation>لم تُحفظ الملاحظة: {reason}</translation>
    </message>
    <message>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <source>Filter by title</source>
        <translation>تصفية حسب العنوان</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>إظهار الكل</translation>
    </message>
    <message>
        <source>The open article {id} is not in this list.</source>
        <translation>المقال المفتوح {id} ليس في هذه القائمة.</translation>
    </message>
    <message>
        <source>Article {id}: its text cannot be shown exactly; tagging is off.</source>
        <translation>المقال {id}: لا يمكن عرض نصه كما هو؛ الوسم معطّل.</translation>
    </message>
    <message>
        <source>Reopen it there</source>
        <translation>إعادة فتحه هناك</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ملف</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>عنوان الخادم</translation>
    </message>
    <message>
        <source>Schema (optional)</source>
        <translation>المخطط (اختياري)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>The password is kept only while the app runs, never saved. Leave it empty to use ~/.pgpass or the PGPASSWORD variable.</source>
        <translation>تبقى كلمة المرور في الذاكرة ما دام التطبيق يعمل، ولا تُحفظ أبدًا. اتركها فارغة لاستعمال ~/.pgpass أو المتغير PGPASSWORD.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>خادم</translation>
    </message>
    <message>
        <source>Give a project file or a server address.</source>
        <translation>اختر ملف مشروع أو اكتب عنوان خادم.</translation>
    </message>
    <message>
        <source>A server address starts with postgresql:// (for example {example}).</source>
        <translation>يبدأ عنوان الخادم بـ postgresql://‏ (مثلًا {example}).</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>فتح مشروع…</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>مشروع جديد…</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>المشاريع الأخيرة</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>استيراد…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>تصدير…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>تحرير</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <source>Delete span</source>
        <translation>حذف الوسم</translation>
    </message>
    <message>
        <source>Character precision</source>
        <translation>دقة الحرف</translation>
    </message>
    <message>
        <source>Labels…</source>
        <translation>الوسوم…</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>المقال</translation>
    </message>
    <message>
        <source>Next article</source>
        <translation>المقال التالي</translation>
    </message>
    <message>
        <source>Previous article</source>
        <translation>المقال السابق</translation>
    </message>
    <message>
        <source>Done, go to next</source>
        <translation>تم، إلى التالي</translation>
    </message>
    <message>
        <source>Skip, go to next</source>
        <translation>تخطٍّ، إلى التالي</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>تحرير الملاحظة</translation>
    </message>
    <message>
        <source>Go to article list</source>
        <translation>إلى قائمة المقالات</translation>
    </message>
    <message>
        <source>Back to the text</source>
        <translation>العودة إلى النص</translation>
    </message>
    <message>
        <source>View</source>
        <translation>عرض</translation>
    </message>
    <message>
        <source>Show everyone&apos;s spans</source>
        <translation>إظهار وسوم الجميع</translation>
    </message>
    <message>
        <source>Comfortable spacing</source>
        <translation>تباعد مريح</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>تكبير</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>تصغير</translation>
    </message>
    <message>
        <source>Font…</source>
        <translation>الخط…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>الفريق</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>المراجعة…</translation>
    </message>
    <message>
        <source>Progress…</source>
        <translation>التقدّم…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>النموذج</translation>
    </message>
    <message>
        <source>Train now</source>
        <translation>درّب الآن</translation>
    </message>
    <message>
        <source>Retrain automatically…</source>
        <translation>إعادة التدريب تلقائيًا…</translation>
    </message>
    <message>
        <source>Least confident first</source>
        <translation>الأقل ثقة أولًا</translation>
    </message>
    <message>
        <source>Undo {what}</source>
        <translation>تراجع عن {what}</translation>
    </message>
    <message>
        <source>Redo {what}</source>
        <translation>إعادة {what}</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <source>Projects (*.db)</source>
        <translation>مشاريع (*.db)</translation>
    </message>
    <message>
        <source>The project file was renamed or moved to {path}; nothing more can be saved here. Reopen it there to go on.</source>
        <translation>أُعيدت تسمية ملف المشروع أو نُقل إلى {path}؛ لا يمكن حفظ المزيد هنا. أعد فتحه هناك للمتابعة.</translation>
    </message>
    <message>
        <source>The project file {path} was deleted while open; nothing more can be saved to it.</source>
        <translation>حُذف ملف المشروع {path} وهو مفتوح؛ لا يمكن حفظ المزيد فيه.</translation>
    </message>
    <message>
        <source>By</source>
        <translation>بواسطة</translation>
    </message>
    <message>
        <source>Note on this article</source>
        <translation>ملاحظة على هذا المقال</translation>
    </message>
    <message>
        <source>Spans in this article</source>
        <translation>الوسوم في هذا المقال</translation>
    </message>
    <message>
        <source>{name}: {done} / {total} done</source>
        <translation>{name}: أُنجز {done} من {total}</translation>
    </message>
    <message>
        <source>Article {pos} of {n}</source>
        <translation>المقال {pos} من {n}</translation>
    </message>
    <message>
        <source>Not in this list ({n} listed)</source>
        <translation>ليس في هذه القائمة ({n} فيها)</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>حروف</translation>
    </message>
    <message>
        <source>Everyone&apos;s spans</source>
        <translation>وسوم الجميع</translation>
    </message>
    <message>
        <source>Blind</source>
        <translation>معمّى</translation>
    </message>
    <message>
        <source>no article is open</source>
        <translation>لا مقال مفتوح</translation>
    </message>
    <message>
        <source>the selection holds no word; nothing tagged</source>
        <translation>التحديد لا يضم كلمة؛ لم يُوسم شيء</translation>
    </message>
    <message>
        <source>Select some words first.</source>
        <translation>حدّد بعض الكلمات أولًا.</translation>
    </message>
    <message>
        <source>Click a span first to delete it.</source>
        <translation>انقر على وسم أولًا لحذفه.</translation>
    </message>
    <message>
        <source>This span belongs to {name}; it is not yours to delete.</source>
        <translation>هذا الوسم يخص {name}؛ لا يمكنك حذفه.</translation>
    </message>
    <message>
        <source>tag {n} × {label}</source>
        <translation>وسم {n} × {label}</translation>
    </message>
    <message>
        <source>tag {label}</source>
        <translation>وسم {label}</translation>
    </message>
    <message>
        <source>delete {label}</source>
        <translation>حذف {label}</translation>
    </message>
    <message>
        <source>relabel {old} → {new}</source>
        <translation>تغيير الوسم {old} ← {new}</translation>
    </message>
    <message>
        <source>accept {n} suggestion(s)</source>
        <translation>قبول {n} اقتراح</translation>
    </message>
    <message>
        <source>reject {n} suggestion(s)</source>
        <translation>رفض {n} اقتراح</translation>
    </message>
    <message>
        <source>several changes</source>
        <translation>عدة تغييرات</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>الحذف</translation>
    </message>
    <message>
        <source>relabel</source>
        <translation>تغيير الوسم</translation>
    </message>
    <message>
        <source>edit span</source>
        <translation>تعديل الوسم</translation>
    </message>
    <message>
        <source>status and note</source>
        <translation>الحالة والملاحظة</translation>
    </message>
    <message>
        <source>review</source>
        <translation>المراجعة</translation>
    </message>
    <message>
        <source>annotator</source>
        <translation>الموسِّم</translation>
    </message>
    <message>
        <source>search index</source>
        <translation>فهرس البحث</translation>
    </message>
    <message>
        <source>label {label}</source>
        <translation>الوسم {label}</translation>
    </message>
    <message>
        <source>saving to {name}</source>
        <translation>الحفظ في {name}</translation>
    </message>
    <message>
        <source>Model: training…</source>
        <translation>النموذج: جارٍ التدريب…</translation>
    </message>
    <message>
        <source>No model yet</source>
        <translation>لا نموذج بعد</translation>
    </message>
    <message>
        <source>Model trained (no held-out score)</source>
        <translation>دُرّب النموذج (بلا تقييم على مقالات مستبعدة)</translation>
    </message>
    <message>
        <source>Model F1 {f1}</source>
        <translation>مقياس F1 للنموذج {f1}</translation>
    </message>
    <message>
        <source>The model is already training.</source>
        <translation>النموذج قيد التدريب بالفعل.</translation>
    </message>
    <message>
        <source>The model was retrained.</source>
        <translation>أُعيد تدريب النموذج.</translation>
    </message>
    <message>
        <source>Retrain automatically</source>
        <translation>إعادة التدريب تلقائيًا</translation>
    </message>
    <message>
        <source>Retrain after every N articles marked done (0: never):</source>
        <translation>أعد التدريب بعد كل N مقالة مكتملة (0: أبدًا):</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>تلقائي</translation>
    </message>
    <message>
        <source>Skip invalid records (write them to a .rejects.jsonl)</source>
        <translation>تخطّي السجلات غير الصالحة (تُكتب في ملف ‎.rejects.jsonl)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Imported: {summary}</source>
        <translation>تم الاستيراد: {summary}</translation>
    </message>
    <message>
        <source>Rejected records: {path}</source>
        <translation>السجلات المرفوضة: {path}</translation>
    </message>
    <message>
        <source>Import articles</source>
        <translation>استيراد مقالات</translation>
    </message>
    <message>
        <source>Corpora (*.jsonl *.json *.csv *.tsv *.txt *.conll *.db *.sqlite);;All files (*)</source>
        <translation>مدونات (*.jsonl *.json *.csv *.tsv *.txt *.conll *.db *.sqlite);;كل الملفات (*)</translation>
    </message>
</context>
</TS>
